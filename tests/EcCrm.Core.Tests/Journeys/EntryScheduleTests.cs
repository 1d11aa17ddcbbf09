using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using static EcCrm.Core.Tests.Journeys.Journeys;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>When the sweep and schedules look for entries and whom they find: the one answer the hosts and the simulator share.</summary>
public class EntryScheduleTests
{
    private static readonly EntrySchedule Berlin = new(new SweepOptions(), "Europe/Berlin");

    // The sweep of 7 March 2026 at 02:00 in Berlin.
    private static readonly DateTimeOffset Sweep = Utc(2026, 3, 7, 1);

    private static JourneyDefinition Journey(string trigger) => JourneyParser.Parse(With(
        """{ "id": "email", "type": "send", "template": "t1" }""", trigger: trigger)).Definition ?? throw new InvalidOperationException("Invalid test journey.");

    private static CustomerProfile Customer(DateTimeOffset lastOrder, double? usualInterval = null) =>
        RfmSegmentation.AsOf(CustomerProfile.Empty(TestKeys.ForEmail("ana@example.com")) with
        {
            OrderCount = usualInterval is null ? 1 : 3,
            LastOrderAt = lastOrder,
            AverageDaysBetweenOrders = usualInterval,
        }, Sweep);

    [Fact]
    public void RunsTheSweepOnItsCronInTheShopsZone()
    {
        var sweeps = Berlin.SweepsBetween(Utc(2026, 3, 27), Utc(2026, 3, 30, 12)).ToList();

        // 02:00 in Berlin is 01:00 UTC in winter and 00:00 UTC in summer; on 29 March 02:00 does not exist (the clocks
        // go from 02:00 to 03:00), and the sweep runs at 03:00 summer time, 01:00 UTC.
        Assert.Equal([Utc(2026, 3, 27, 1), Utc(2026, 3, 28, 1), Utc(2026, 3, 29, 1), Utc(2026, 3, 30, 0)], sweeps);
    }

    [Fact]
    public void TheSweepTimesKeptForAPeriodAreThoseOfThePeriodAsked()
    {
        // A backtest asks for one period again and again; a simulation of another period must not get its times.
        var spring = Berlin.SweepTimes(Utc(2026, 3, 27), Utc(2026, 3, 30, 12));
        var summer = Berlin.SweepTimes(Utc(2026, 7, 1), Utc(2026, 7, 3, 12));

        Assert.Equal(Berlin.SweepsBetween(Utc(2026, 3, 27), Utc(2026, 3, 30, 12)), spring);
        Assert.Equal([Utc(2026, 7, 2, 0), Utc(2026, 7, 3, 0)], summer);
        Assert.Equal(spring, Berlin.SweepTimes(Utc(2026, 3, 27), Utc(2026, 3, 30, 12)));
    }

    [Fact]
    public void FindsTheNextRunOfAScheduleInTheShopsZone()
    {
        var trigger = new ScheduleTrigger("0 9 * * MON", []);

        // 09:00 in Berlin on Monday 2026-03-02 is 08:00 UTC; after the change to summer time, 07:00 UTC.
        Assert.Equal(Utc(2026, 3, 2, 8), Berlin.NextRun(trigger, Utc(2026, 3, 2, 5)));
        Assert.Equal(Utc(2026, 3, 30, 7), Berlin.NextRun(trigger, Utc(2026, 3, 24)));
    }

    [Fact]
    public void ReadsTheLastOrderDatesThatBecameDueSinceTheCheckpoint()
    {
        var journey = Journey("""{ "type": "inactivity", "days": 60 }""");

        var first = Assert.IsType<SweepScope.LastOrderDates>(Berlin.Scope(journey, Sweep, checkpoint: null));
        var next = Assert.IsType<SweepScope.LastOrderDates>(Berlin.Scope(journey, Sweep.AddDays(1), first.Through));

        // 60 days before 7 March is 6 January: every customer whose last order fell on 5 January or before is due.
        Assert.Equal((new DateOnly(2025, 12, 30), new DateOnly(2026, 1, 5)), (first.From, first.Through));
        Assert.Equal((new DateOnly(2026, 1, 6), new DateOnly(2026, 1, 6)), (next.From, next.Through));
        Assert.IsType<SweepScope.NoRead>(Berlin.Scope(journey, Sweep, first.Through));
    }

    [Fact]
    public void SaysWhyTheSweepDoesNotFindACustomer()
    {
        var journey = Journey("""{ "type": "inactivity", "days": 60 }""");
        var scope = Berlin.Scope(journey, Sweep, new DateOnly(2026, 1, 4));

        Assert.Null(Berlin.WhyNotFound(journey, scope, Customer(Utc(2026, 1, 5, 17, 45)), Sweep));
        Assert.Equal(
            "not due yet: last ordered 59.3 days ago; found by the sweep of 2026-03-08, the day after 60 days idle",
            Berlin.WhyNotFound(journey, scope, Customer(Utc(2026, 1, 6, 17, 45)), Sweep));
        Assert.StartsWith("due since the sweep of 2026-03-06", Berlin.WhyNotFound(journey, scope, Customer(Utc(2026, 1, 4, 17, 45)), Sweep), StringComparison.Ordinal);
    }

    [Fact]
    public void FindsCustomersDueByTheirOwnReorderIntervalOnTheDayAfterTheyBecameDue()
    {
        var journey = Journey("""{ "type": "inactivity", "intervals": 2, "days": 90 }""");
        var scope = Assert.IsType<SweepScope.DueDates>(Berlin.Scope(journey, Sweep, new DateOnly(2026, 3, 5)));

        // Due on 6 March (twice 20 days after 25 January at 12:00): found on the 7th, as is one due late on the 6th.
        Assert.Equal(new DateOnly(2026, 3, 6), scope.Through);
        Assert.Null(Berlin.WhyNotFound(journey, scope, Customer(Utc(2026, 1, 25, 12), usualInterval: 20), Sweep));
        Assert.Null(Berlin.WhyNotFound(journey, scope, Customer(Utc(2026, 1, 25, 22, 30), usualInterval: 20), Sweep));
        Assert.StartsWith("not due yet", Berlin.WhyNotFound(journey, scope, Customer(Utc(2026, 1, 26, 12), usualInterval: 20), Sweep), StringComparison.Ordinal);

        // Without an interval (one order), the trigger's days: due on 6 March after an order of 6 December.
        Assert.Null(Berlin.WhyNotFound(journey, scope, Customer(Utc(2025, 12, 6, 12)), Sweep));
        Assert.Equal(new DateOnly(2026, 3, 6), Berlin.DueDate((InactivityTrigger)journey.Entry.Trigger, Customer(Utc(2025, 12, 6, 12))));
    }

    [Fact]
    public void ReadsEveryoneForASegmentAndNobodyForOrderOrScheduleTriggers()
    {
        Assert.IsType<SweepScope.InSegments>(Berlin.Scope(Journey("""{ "type": "segment", "segments": ["atRisk"] }"""), Sweep, null));
        Assert.IsType<SweepScope.NoRead>(Berlin.Scope(Journey("""{ "type": "orderPlaced" }"""), Sweep, null));
        Assert.IsType<SweepScope.NoRead>(Berlin.Scope(Journey("""{ "type": "schedule", "cron": "0 9 * * MON" }"""), Sweep, null));
    }
}
