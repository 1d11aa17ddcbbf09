using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
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
        await services.Get<EntrySweep>().RunAsync(default);
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

    [Fact]
    public async Task AnOrderThatMovesTheCustomerOutOfTheSegmentReachesTheRunningEnrollmentAsAProfileChange()
    {
        await using var services = await TestServices.CreateAsync(
            Morning, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        await JourneyFixture.PublishAsync(services, JourneyFixture.Journey("nudge", """{ "type": "segment", "segments": ["needsAttention"] }""", exit: """["leftSegment"]"""));
        await services.Get<OrderIngestion>().ImportAsync([JourneyFixture.Order("back@example.jp", Morning.AddDays(-100), "1"), JourneyFixture.Order("back@example.jp", Morning.AddDays(-61), "2")], default);
        await services.Get<EntrySweep>().RunAsync(default);
        await JourneyFixture.StartRunAsync(services, await JourneyFixture.ReceiveInputAsync(services));

        // A third order today: recency 5, frequency 3, a potential loyalist. The run hears of the order, then of the new segment.
        await IngestWithTriggersAsync(services, JourneyFixture.Order("back@example.jp", Morning, "3"));

        var inputs = await JourneyFixture.ReceiveAllInputsAsync(services);
        Assert.Equal(["orderPlaced", "profileChanged"], inputs.Select(input => input.Input is OrderPlaced ? "orderPlaced" : input.Input is ProfileChanged ? "profileChanged" : "other"));
        Assert.Equal(Core.Segments.RfmSegment.PotentialLoyalist, ((ProfileChanged)inputs[1].Input).Profile.Segment);
    }

    [Fact]
    public async Task ACancellationThatMovesTheCustomerToAnotherSegmentReachesTheRunningEnrollment()
    {
        await using var services = await TestServices.CreateAsync(
            Morning, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        await JourneyFixture.PublishAsync(services, JourneyFixture.Journey("nudge", """{ "type": "segment", "segments": ["needsAttention"] }""", exit: """["leftSegment"]"""));
        await services.Get<OrderIngestion>().ImportAsync([JourneyFixture.Order("undo@example.jp", Morning.AddDays(-100), "1"), JourneyFixture.Order("undo@example.jp", Morning.AddDays(-61), "2")], default);
        await services.Get<EntrySweep>().RunAsync(default);
        await JourneyFixture.StartRunAsync(services, await JourneyFixture.ReceiveInputAsync(services));

        // The first order is cancelled: one order left, 61 days ago, an "about to sleep" customer.
        var cancelled = JourneyFixture.Order("undo@example.jp", Morning.AddDays(-100), "1") with { Status = OrderStatus.Cancelled, UpdatedAt = Morning };
        await IngestWithTriggersAsync(services, cancelled);

        var told = Assert.Single(await JourneyFixture.ReceiveAllInputsAsync(services));
        Assert.Equal(Core.Segments.RfmSegment.AboutToSleep, Assert.IsType<ProfileChanged>(told.Input).Profile.Segment);
    }

    [Fact]
    public async Task TheOrderThatEndsAReplenishmentCycleStartsTheNext()
    {
        await using var services = await TestServices.CreateAsync(
            Morning, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        var replenishment = await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "replenishment.journey.json"));
        Assert.IsType<PublishResult.Published>(await services.Get<JourneyCatalog>().PublishAsync(replenishment, default));
        Assert.Equal(1, await IngestWithTriggersAsync(services, JourneyFixture.Order("rita@example.jp", Morning, "1")));
        await JourneyFixture.StartRunAsync(services, await JourneyFixture.ReceiveInputAsync(services));

        // Her next order reaches the running cycle (which exits on an order) through its queue, after this entry decision:
        // the entry rules (afterExit) must count the cycle as ended by the very order, as its run will.
        services.Clock.Advance(TimeSpan.FromDays(25));
        var enrolled = await IngestWithTriggersAsync(services, JourneyFixture.Order("rita@example.jp", services.Clock.GetUtcNow(), "2"));

        Assert.Equal(1, enrolled);
        var cycles = await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("rita@example.jp"), default);
        Assert.Equal(["replenishment:" + TestKeys.ForEmail("rita@example.jp") + ":1", "replenishment:" + TestKeys.ForEmail("rita@example.jp") + ":2"], cycles.Select(cycle => cycle.EnrollmentId).Order(StringComparer.Ordinal));
    }

    private static async Task<int> IngestWithTriggersAsync(TestServices services, OrderRecord order) =>
        await services.Get<OrderJourneyTriggers>().OnIngestedAsync(await services.Get<OrderIngestion>().IngestAsync(order, default), default);

    private static OrderRecord CoffeeOrder(string email, DateTimeOffset placedAt) => JourneyFixture.Order(email, placedAt) with
    {
        Lines = [new OrderLine { ProductId = "beans-house", Title = "House Blend 200g", Categories = ["coffee"], UnitPrice = 3200m }],
    };
}
