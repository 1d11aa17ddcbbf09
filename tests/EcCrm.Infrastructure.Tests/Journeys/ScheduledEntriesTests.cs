using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Journeys;

/// <summary>Journeys entered on a schedule of their own, run by the hosts through <see cref="ScheduledEntries"/>, on Azurite.</summary>
public class ScheduledEntriesTests
{
    // Monday 23 November 2026, 08:00 in Tokyo (the shop's zone): an hour before the journey's schedule.
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 22, 23, 0, 0, TimeSpan.Zero);

    private static readonly string MondayNewsletter = JourneyFixture.Journey(
        "monday-news", """{ "type": "schedule", "cron": "0 9 * * MON", "segments": ["champions", "loyal"] }""", reentry: """{ "policy": "afterExit" }""");

    [Fact]
    public async Task EntersTheCustomersInItsSegmentsAtItsTimeAndOnlyThen()
    {
        await using var services = await JourneyFixture.CreateAsync(MondayMorning);
        await JourneyFixture.PublishAsync(services, MondayNewsletter);
        await ImportAsync(services, "fan@example.com", 90, 60, 40, 20, 5); // five orders, the last five days ago: a champion
        await ImportAsync(services, "once@example.com", 10);              // one order: new, not in the segments
        var scheduled = services.Get<ScheduledEntries>();

        Assert.Empty(await scheduled.RunDueAsync(default));
        Assert.Equal(MondayMorning.AddHours(1), await scheduled.NextRunAsync(MondayMorning, default));
        services.Clock.Advance(TimeSpan.FromHours(1.5));
        var report = Assert.Single(await scheduled.RunDueAsync(default));
        var again = await scheduled.RunDueAsync(default);

        Assert.Equal((1, 1), (report.Candidates, report.Enrolled));
        Assert.Empty(again); // its time has been run
        var enrollment = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("fan@example.com"), default));
        Assert.Equal(("monday-news", MondayMorning.AddHours(1)), (enrollment.JourneyId, enrollment.CreatedAt));
        Assert.IsType<Started>((await JourneyFixture.ReceiveInputAsync(services)).Input);
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("once@example.com"), default));
    }

    [Fact]
    public async Task CatchesUpAMissedWeekWithOneRunAndLetsTimesPassWhilePaused()
    {
        await using var services = await JourneyFixture.CreateAsync(MondayMorning);
        await JourneyFixture.PublishAsync(services, MondayNewsletter);
        await ImportAsync(services, "fan@example.com", 90, 60, 40, 20, 5);
        var scheduled = services.Get<ScheduledEntries>();
        await services.Get<JourneyCatalog>().SetPausedAsync("monday-news", true, default);

        services.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await scheduled.RunDueAsync(default)); // paused: this Monday's run passes
        await services.Get<JourneyCatalog>().SetPausedAsync("monday-news", false, default);
        services.Clock.Advance(TimeSpan.FromDays(15)); // the host was down for two Mondays
        var reports = await scheduled.RunDueAsync(default);

        Assert.Equal(1, Assert.Single(reports).Enrolled);
        var enrollment = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("fan@example.com"), default));
        Assert.Equal(MondayMorning.AddDays(14).AddHours(1), enrollment.CreatedAt); // the latest of the missed times
    }

    private static Task<IReadOnlyList<CustomerProfile>> ImportAsync(TestServices services, string email, params int[] daysAgo) =>
        services.Get<OrderIngestion>().ImportAsync([.. daysAgo.Select(days => JourneyFixture.Order(email, services.Clock.GetUtcNow().AddDays(-days), $"{days}"))], default);
}
