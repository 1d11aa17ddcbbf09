using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Journeys;

/// <summary>The sweep outside its schedule (when it runs next, run it now) and a journey's enrollments by status.</summary>
public class SweepOnDemandTests
{
    // 02:00 in Tokyo, the shop's zone in the test settings.
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheNextSweepIsTheScheduleInTheShopsTimeZone()
    {
        await using var services = await JourneyFixture.CreateAsync(Now.AddMinutes(1));

        var plan = services.Get<SweepOnDemand>().Plan();

        // Daily at 02:00 Tokyo time: 17:00 UTC the next day, a minute after this one passed.
        Assert.Equal(Now.AddDays(1), plan.NextRunAt);
        Assert.Equal(("0 2 * * *", "Asia/Tokyo", 7), (plan.Schedule, plan.TimeZone, plan.CatchUpDays));
    }

    [Fact]
    public async Task RunningTheSweepNowEnrollsWhoIsDueAndTheJourneyListsThemByStatus()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("lapsed@example.com", Now.AddDays(-61)), default);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("lapsed-too@example.com", Now.AddDays(-63)), default);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("recent@example.com", Now.AddDays(-5)), default);

        var report = Assert.Single(await services.Get<SweepOnDemand>().RunNowAsync(default));
        var all = await services.Get<EnrollmentAdministration>().ListByJourneyAsync("winback-60", null, 100, default);
        var active = await services.Get<EnrollmentAdministration>().ListByJourneyAsync("winback-60", EnrollmentStatus.Active, 100, default);
        var other = await services.Get<EnrollmentAdministration>().ListByJourneyAsync("first-to-second", null, 100, default);

        Assert.Equal(2, report.Enrolled);
        Assert.Equal(2, all.Total);
        Assert.Equal(2, all.Enrollments.Count);
        Assert.Equal(2, all.ByStatus[EnrollmentStatus.New]); // no run has started them yet: there is no engine here
        Assert.Empty(active.Enrollments);
        Assert.Equal(2, active.Total);
        Assert.Empty(other.Enrollments);
    }
}
