using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Journeys;

/// <summary>What an ingested order does to journeys, on Azurite: it reaches running enrollments, and it may start new ones.</summary>
public class OrderJourneyTriggersTests
{
    // 10:00 in Tokyo (the shop's and so the customer's zone): outside quiet hours.
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnOrderWhoseWebhookArrivesDaysLateStillReachesTheRunningWinBack()
    {
        await using var services = await TestServices.CreateAsync(
            Morning, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        await JourneyFixture.PublishWinbackAsync(services);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("late@example.jp", Morning.AddDays(-61)), default);
        await services.Get<InactivitySweep>().RunAsync(default);
        var started = await JourneyFixture.ReceiveInputAsync(services);

        // Given the customer ordered a day after entering, when the shop's webhook only gets through three days later
        var placedAt = Morning.AddDays(1);
        services.Clock.Advance(TimeSpan.FromDays(4));
        await IngestWithTriggersAsync(services, JourneyFixture.Order("late@example.jp", placedAt, "back"));

        // Then the win-back's run hears of it, with the moment it was placed (the decider judges it by that)
        var delivered = await JourneyFixture.ReceiveInputAsync(services);
        Assert.Equal(started.EnrollmentId, delivered.EnrollmentId);
        var order = Assert.IsType<OrderPlaced>(delivered.Input);
        Assert.Equal(("late@example.jp-back", placedAt), (order.OrderId, order.PlacedAt));
    }

    [Fact]
    public async Task AnOrderPlacedDaysBeforeItArrivesStartsNoJourneyButAFreshOneDoes()
    {
        await using var services = await TestServices.CreateAsync(
            Morning, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        var crossSell = await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "post-purchase-cross-sell.journey.json"));
        Assert.IsType<PublishResult.Published>(await services.Get<JourneyCatalog>().PublishAsync(crossSell, default));

        var history = await IngestWithTriggersAsync(services, CoffeeOrder("import@example.jp", Morning.AddDays(-3)));
        var fresh = await IngestWithTriggersAsync(services, CoffeeOrder("fresh@example.jp", Morning.AddHours(-1)));

        Assert.Equal(0, history);
        Assert.Equal(1, fresh);
    }

    private static async Task<int> IngestWithTriggersAsync(TestServices services, OrderRecord order) =>
        await services.Get<OrderJourneyTriggers>().OnIngestedAsync(await services.Get<OrderIngestion>().IngestAsync(order, default), default);

    private static OrderRecord CoffeeOrder(string email, DateTimeOffset placedAt) => JourneyFixture.Order(email, placedAt) with
    {
        Lines = [new OrderLine { ProductId = "beans-house", Title = "House Blend 200g", Categories = ["coffee"], UnitPrice = 3200m }],
    };
}
