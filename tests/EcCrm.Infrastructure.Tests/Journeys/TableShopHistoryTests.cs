using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Journeys;

/// <summary>The shop's history as a backtest reads it from Azurite, each table in one pass.</summary>
public class TableShopHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadsEveryProfileOrderSuppressionAndTheMarketingSendsSinceAMoment()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        var ingestion = services.Get<OrderIngestion>();
        await ingestion.ImportAsync([JourneyFixture.Order("mei@example.jp", Now.AddDays(-40), "1"), JourneyFixture.Order("mei@example.jp", Now.AddDays(-10), "2")], default);
        await ingestion.ImportAsync([JourneyFixture.Order("jun@example.jp", Now.AddDays(-5), "1")], default);
        await ingestion.IngestAsync(JourneyFixture.Order("guest", Now.AddDays(-3)) with { Customer = OrderCustomer.Anonymous }, default);
        await services.Get<ISuppressionList>().AddAsync("jun@example.jp", new Suppression(SuppressionKind.Unsubscribed, null, Now.AddDays(-1), "unsubscribe link"), default);
        var mei = TestKeys.ForEmail("mei@example.jp");
        var ledger = services.Get<ISendHistory>();
        await ledger.TryAddAsync(Send(mei, "a:1", Now.AddDays(-6), SendStatus.Accepted), default);
        await ledger.TryAddAsync(Send(mei, "b:1", Now.AddDays(-2), SendStatus.Rejected), default);                     // never reached her
        await ledger.TryAddAsync(Send(mei, "c:1", Now.AddDays(-2), SendStatus.Accepted) with { Transactional = true }, default); // not marketing
        await ledger.TryAddAsync(Send(mei, "d:1", Now.AddDays(-30), SendStatus.Accepted), default);                    // before the moment

        var history = await services.Get<IShopHistory>().ReadAsync(Now.AddDays(-7), default);

        Assert.Equal([mei, TestKeys.ForEmail("jun@example.jp")], history.Profiles.Select(profile => profile.Key).OrderBy(key => key == mei ? 0 : 1));
        Assert.Equal(3, history.OrderCount); // the guest's order names nobody
        Assert.Equal(["mei@example.jp-1", "mei@example.jp-2"], history.Orders[mei].Select(order => order.OrderId).Order(StringComparer.Ordinal));
        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(history.Suppressions[TestKeys.ForEmail("jun@example.jp")]).Kind);
        Assert.Equal([Now.AddDays(-6)], history.MarketingSends[mei]);
    }

    private static SendRecord Send(CustomerKey customer, string key, DateTimeOffset at, SendStatus status) => new()
    {
        Customer = customer,
        IdempotencyKey = key,
        Status = status,
        QueuedAt = at,
        SentAt = status == SendStatus.Accepted ? at : null,
        JourneyId = "other-journey",
        TemplateId = "t1",
    };
}
