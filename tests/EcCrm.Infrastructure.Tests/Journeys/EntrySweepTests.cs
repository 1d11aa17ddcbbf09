using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Testing;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Tests.Journeys;

public class EntrySweepTests
{
    private static readonly int[] FadingOrderDays = [300, 200, 130];
    private static readonly int[] FanOrderDays = [90, 60, 40, 20, 5];

    // 02:00 in Tokyo, the shop's zone in the test settings: when the daily sweep runs.
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnrollsACustomerWhoHasNotOrderedFor60DaysAndStartsTheRun()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("lapsed@example.com", Now.AddDays(-61)), default);

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal(1, report.Enrolled);
        var enrollment = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("lapsed@example.com"), default));
        Assert.Equal($"winback-60:{TestKeys.ForEmail("lapsed@example.com")}:1", enrollment.EnrollmentId);
        Assert.Equal(1, enrollment.Version);
        var started = await JourneyFixture.ReceiveInputAsync(services);
        Assert.Equal(enrollment.EnrollmentId, started.EnrollmentId);
        Assert.IsType<Started>(started.Input);
    }

    [Fact]
    public async Task LeavesOutCustomersWhoAreNotYetDue()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("recent@example.com", Now.AddDays(-59)), default);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("almost@example.com", Now.AddDays(-60).AddHours(3)), default); // 60 days only at 05:00

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal(0, report.Enrolled);
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("almost@example.com"), default));
    }

    [Fact]
    public async Task RunningTheSweepTwiceEnrollsNobodyTwice()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("twice@example.com", Now.AddDays(-62)), default);
        var sweep = services.Get<EntrySweep>();

        await sweep.RunAsync(default);
        var again = Assert.Single(await sweep.RunAsync(default));
        await services.Get<ISweepCheckpoints>().SetAsync("winback-60", new DateOnly(2026, 9, 1), default); // as if a crash lost the checkpoint
        var afterLostCheckpoint = Assert.Single(await sweep.RunAsync(default));

        Assert.Equal(0, again.Candidates); // already read
        Assert.Equal(1, afterLostCheckpoint.Candidates);
        Assert.Equal(0, afterLostCheckpoint.Enrolled);
        Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("twice@example.com"), default));
    }

    [Fact]
    public async Task DropsAStaleIndexRowOfACustomerWhoOrderedAgain()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        var customer = TestKeys.ForEmail("back@example.com");
        var old = new DateOnly(2026, 9, 21);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("back@example.com", Now.AddDays(-2)), default);
        await services.Get<ILastOrderIndex>().AddAsync(old, customer, default); // left behind by a crash

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal(1, report.Stale);
        Assert.Equal(0, report.Enrolled);
        await foreach (var key in services.Get<ILastOrderIndex>().ListAsync(old, default))
        {
            Assert.Fail($"{key} should have been removed from {old}");
        }
    }

    [Fact]
    public async Task CatchesUpTheDaysItMissedAndNoMore()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        var ingestion = services.Get<OrderIngestion>();
        for (var daysAgo = 61; daysAgo <= 70; daysAgo++)
        {
            await ingestion.IngestAsync(JourneyFixture.Order($"missed{daysAgo}@example.com", Now.AddDays(-daysAgo)), default);
        }

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        // Seven days of last orders (Sweep:CatchUpDays): 61 to 67 days ago.
        Assert.Equal(7, report.Enrolled);
        Assert.Equal(report.Through!.Value.AddDays(-6), report.From);
    }

    [Fact]
    public async Task AfterAnOutageLongerThanTheCatchUpReadsEveryDaySinceItsCheckpoint()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        var ingestion = services.Get<OrderIngestion>();
        for (var daysAgo = 61; daysAgo <= 70; daysAgo++)
        {
            await ingestion.IngestAsync(JourneyFixture.Order($"outage{daysAgo}@example.com", Now.AddDays(-daysAgo)), default);
        }

        // The last sweep read through the day before those orders, then the host was down for ten days.
        var lastSwept = TimeZones.DateIn(Now.AddDays(-71), services.Get<IOptions<ShopOptions>>().Value.TimeZone);
        await services.Get<ISweepCheckpoints>().SetAsync("winback-60", lastSwept, default);

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal(10, report.Enrolled);
        Assert.Equal(lastSwept.AddDays(1), report.From);
    }

    [Fact]
    public async Task EnrollsNobodyWhileTheJourneyIsPaused()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        await services.Get<Core.Journeys.Catalog.JourneyCatalog>().SetPausedAsync("winback-60", true, default);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("paused@example.com", Now.AddDays(-61)), default);

        Assert.Empty(await services.Get<EntrySweep>().RunAsync(default));
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("paused@example.com"), default));
    }

    [Fact]
    public async Task EnrollsAllOfAThousandDueCustomersAndReadsNoOneElse()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services, holdoutPercent: 10);
        var due = Enumerable.Range(0, 1000).Select(i => JourneyFixture.Order($"due{i}@example.com", Now.AddDays(-61).AddMinutes(-i)));
        var notDue = Enumerable.Range(0, 300).Select(i => JourneyFixture.Order($"active{i}@example.com", Now.AddDays(-(i % 59) - 1)));
        await services.Get<OrderIngestion>().ImportAsync([.. due, .. notDue], default);

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal(1000, report.Candidates); // the 300 active customers were never read
        Assert.Equal(1000, report.Enrolled);
        var enrollments = new List<EnrollmentRecord>();
        foreach (var i in new[] { 0, 1, 499, 998, 999 })
        {
            enrollments.AddRange(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail($"due{i}@example.com"), default));
        }

        Assert.Equal(5, enrollments.Count);
    }

    [Fact]
    public async Task EnrollsCustomersWhoBecameDueByTheirOwnReorderInterval()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishAsync(services, JourneyFixture.Journey("lapsed-rhythm", """{ "type": "inactivity", "intervals": 2 }"""));
        var ingestion = services.Get<OrderIngestion>();

        // Both order every 20 days; one has now been idle for twice that (since yesterday), the other not quite.
        await ingestion.ImportAsync([JourneyFixture.Order("rhythm@example.com", Now.AddDays(-61), "1"), JourneyFixture.Order("rhythm@example.com", Now.AddDays(-41), "2")], default);
        await ingestion.ImportAsync([JourneyFixture.Order("steady@example.com", Now.AddDays(-59), "1"), JourneyFixture.Order("steady@example.com", Now.AddDays(-39), "2")], default);

        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal((1, 1), (report.Candidates, report.Enrolled));
        Assert.Equal("lapsed-rhythm", Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("rhythm@example.com"), default)).JourneyId);
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("steady@example.com"), default));
        Assert.IsType<Started>((await JourneyFixture.ReceiveInputAsync(services)).Input);
        Assert.Equal(0, Assert.Single(await services.Get<EntrySweep>().RunAsync(default)).Candidates); // the checkpoint moved on
    }

    [Fact]
    public async Task EnrollsTheCustomersTheSweepFindsInTheSegmentOnce()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishAsync(services, JourneyFixture.Journey("save-at-risk", """{ "type": "segment", "segments": ["atRisk"] }"""));
        var ingestion = services.Get<OrderIngestion>();

        // Three orders, the last 130 days ago: at risk. Five orders, the last five days ago: a champion.
        await ingestion.ImportAsync([.. FadingOrderDays.Select(days => JourneyFixture.Order("fading@example.com", Now.AddDays(-days), $"{days}"))], default);
        await ingestion.ImportAsync([.. FanOrderDays.Select(days => JourneyFixture.Order("fan@example.com", Now.AddDays(-days), $"{days}"))], default);

        var first = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));
        services.Clock.Advance(TimeSpan.FromDays(1));
        var second = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal((1, 1), (first.Candidates, first.Enrolled));
        Assert.Equal((1, 0), (second.Candidates, second.Enrolled)); // still at risk, and already entered (re-entry: never)
        Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("fading@example.com"), default));
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("fan@example.com"), default));
    }

    [Fact]
    public async Task TellsARunningEnrollmentWhenTimeAloneMovedItsCustomerOutOfTheSegment()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishAsync(services, JourneyFixture.Journey("nudge", """{ "type": "segment", "segments": ["needsAttention"] }""", exit: """["leftSegment"]"""));

        // Two orders, the last 61 days ago: needs attention (recency 3, frequency 2).
        await services.Get<OrderIngestion>().ImportAsync([JourneyFixture.Order("drifting@example.com", Now.AddDays(-100), "1"), JourneyFixture.Order("drifting@example.com", Now.AddDays(-61), "2")], default);
        await services.Get<EntrySweep>().RunAsync(default);
        await JourneyFixture.StartRunAsync(services, await JourneyFixture.ReceiveInputAsync(services));

        // Sixty days on, no order: 121 days idle is at risk, out of the journey's segment.
        services.Clock.Advance(TimeSpan.FromDays(59));
        Assert.Equal(0, Assert.Single(await services.Get<EntrySweep>().RunAsync(default)).ProfilesChanged);
        services.Clock.Advance(TimeSpan.FromDays(1));
        var report = Assert.Single(await services.Get<EntrySweep>().RunAsync(default));

        Assert.Equal(1, report.ProfilesChanged);
        var told = await JourneyFixture.ReceiveInputAsync(services);
        Assert.Equal($"nudge:{TestKeys.ForEmail("drifting@example.com")}:1", told.EnrollmentId);
        Assert.Equal(Core.Segments.RfmSegment.AtRisk, Assert.IsType<ProfileChanged>(told.Input).Profile.Segment);
    }
}
