using System.Collections.Concurrent;
using System.Globalization;
using Cronos;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Journeys.Entry;

/// <summary>
/// When entries are looked for and whom each look finds, for every runtime: the Server's and the Functions app's sweep and
/// scheduled runs, the simulator and backtests ask this one class, so a customer found due in a simulation is the customer
/// the sweep finds. The sweep runs on <see cref="SweepOptions.Schedule"/> (cron in the shop's time zone); each run reads,
/// per journey, only what became due since the journey's checkpoint (at most <see cref="SweepOptions.CatchUpDays"/> back).
/// A customer becomes due on the day they have been idle long enough and is found by the first sweep after that day.
/// </summary>
public sealed class EntrySchedule
{
    private static readonly ConcurrentDictionary<(string Schedule, int CatchUpDays, string Zone), EntrySchedule> Shared = new();

    private readonly CronExpression sweepCron;
    private readonly TimeZoneInfo shopZone;
    private SweepPeriod? lastSweeps;

    public EntrySchedule(SweepOptions sweep, string shopTimeZone)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        Sweep = sweep;
        ShopTimeZone = shopTimeZone;
        sweepCron = CronExpression.Parse(sweep.Schedule);
        shopZone = TimeZoneInfo.FindSystemTimeZoneById(shopTimeZone);
    }

    public SweepOptions Sweep { get; }

    /// <summary>One schedule per set of settings, parsed once (a backtest simulates every customer with the same).</summary>
    public static EntrySchedule For(SweepOptions sweep, string shopTimeZone)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return Shared.GetOrAdd((sweep.Schedule, sweep.CatchUpDays, shopTimeZone), key => new EntrySchedule(new SweepOptions { Schedule = key.Schedule, CatchUpDays = key.CatchUpDays }, key.Zone));
    }

    /// <summary>The shop's IANA time zone: its calendar days, and when its crons fire.</summary>
    public string ShopTimeZone { get; }

    // Times are returned in UTC: they are compared, stored and printed as instants, never as shop-local times.

    /// <summary>The sweep's runs after <paramref name="after"/>, up to and including <paramref name="until"/>.</summary>
    public IEnumerable<DateTimeOffset> SweepsBetween(DateTimeOffset after, DateTimeOffset until) =>
        sweepCron.GetOccurrences(after, until, shopZone, fromInclusive: false, toInclusive: true).Select(at => at.ToUniversalTime());

    /// <summary>
    /// <see cref="SweepsBetween"/> as a list, kept for the last period asked: a backtest simulates every customer over
    /// the same period, and would otherwise work out the same sweeps once per customer.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> SweepTimes(DateTimeOffset after, DateTimeOffset until)
    {
        if (lastSweeps is { } known && known.After == after && known.Until == until)
        {
            return known.Times;
        }

        var times = SweepsBetween(after, until).ToArray();
        lastSweeps = new SweepPeriod(after, until, times);
        return times;
    }

    /// <summary>The sweep's first run after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextSweep(DateTimeOffset after) => sweepCron.GetNextOccurrence(after, shopZone)?.ToUniversalTime();

    /// <summary>The runs of a schedule trigger after <paramref name="after"/>, up to and including <paramref name="until"/>.</summary>
    public IEnumerable<DateTimeOffset> RunsBetween(ScheduleTrigger trigger, DateTimeOffset after, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return Cron(trigger).GetOccurrences(after, until, shopZone, fromInclusive: false, toInclusive: true).Select(at => at.ToUniversalTime());
    }

    /// <summary>The first run of a schedule trigger after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextRun(ScheduleTrigger trigger, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return Cron(trigger).GetNextOccurrence(after, shopZone)?.ToUniversalTime();
    }

    /// <summary>
    /// What the sweep at <paramref name="now"/> reads for <paramref name="journey"/>, whose checkpoint (the last date a sweep
    /// read for it) is <paramref name="checkpoint"/>; <c>null</c> for a journey no sweep has read yet, which catches up
    /// <see cref="SweepOptions.CatchUpDays"/> days; later sweeps read every day since the checkpoint.
    /// </summary>
    public SweepScope Scope(JourneyDefinition journey, DateTimeOffset now, DateOnly? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return journey.Entry.Trigger switch
        {
            InactivityTrigger { Intervals: null, Days: { } days } => Window(DueThrough(now, days, ShopTimeZone), checkpoint, (from, through) => new SweepScope.LastOrderDates(from, through)),
            InactivityTrigger => Window(TimeZones.DateIn(now, ShopTimeZone).AddDays(-1), checkpoint, (from, through) => new SweepScope.DueDates(from, through)),
            SegmentTrigger segment => new SweepScope.InSegments(segment.Segments),
            ScheduleTrigger => new SweepScope.NoRead("entered at the times of its own schedule, not by the daily sweep"),
            EventTrigger onEvent => new SweepScope.NoRead($"entered when the customer's {JourneyEventTypes.Name(onEvent.Event)} arrives, not by the daily sweep"),
            _ => new SweepScope.NoRead("entered when an order is placed, not by the daily sweep"),
        };
    }

    /// <summary>
    /// Whether a sweep reading <paramref name="scope"/> at <paramref name="now"/> finds the customer: <c>null</c> when it
    /// does (then <see cref="EntryEvaluation"/> decides), else why not, in words.
    /// </summary>
    /// <param name="profile">The customer as of <paramref name="now"/> (see <see cref="Segments.RfmSegmentation.AsOf"/>).</param>
    public string? WhyNotFound(JourneyDefinition journey, SweepScope scope, CustomerProfile profile, DateTimeOffset now) =>
        Miss(journey, scope, profile, now)?.ToString();

    /// <summary>
    /// <see cref="WhyNotFound"/> before it is put in words: <c>null</c> when the sweep finds the customer. A simulation
    /// asks at every sweep of its period and words only the last answer it shows.
    /// </summary>
    public SweepMiss? Miss(JourneyDefinition journey, SweepScope scope, CustomerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(profile);
        switch (scope)
        {
            case SweepScope.LastOrderDates dates:
                if (profile.LastOrderAt is not { } last)
                {
                    return new SweepMiss.Because("has never ordered");
                }

                var trigger = (InactivityTrigger)journey.Entry.Trigger;
                var lastDate = TimeZones.DateIn(last, ShopTimeZone);
                return Within(lastDate, dates.From, dates.Through, lastDate.AddDays(trigger.Days!.Value + 1), last, now, trigger, profile);
            case SweepScope.DueDates dates:
                if (profile.LastOrderAt is not { } lastOrder)
                {
                    return new SweepMiss.Because("has never ordered");
                }

                var byInterval = (InactivityTrigger)journey.Entry.Trigger;
                if (DueDate(byInterval, profile) is not { } due)
                {
                    return new SweepMiss.Because("has no usual re-order interval yet (fewer than two orders)");
                }

                return Within(due, dates.From, dates.Through, due.AddDays(1), lastOrder, now, byInterval, profile);
            case SweepScope.InSegments:
                return null;
            case SweepScope.NoRead noRead:
                return new SweepMiss.Because(noRead.Reason);
            default:
                throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown sweep scope.");
        }
    }

    /// <summary>
    /// The shop-local date on which a customer becomes due for an inactivity trigger measured in re-order intervals (or its
    /// days for customers with no interval yet); <c>null</c> when it has no threshold for them or they never ordered.
    /// </summary>
    public DateOnly? DueDate(InactivityTrigger trigger, CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(profile);
        return profile.LastOrderAt is { } last && ThresholdDays(trigger, profile) is { } threshold
            ? TimeZones.DateIn(last.AddDays(threshold), ShopTimeZone)
            : null;
    }

    /// <summary>The newest last-order date whose every customer has been idle for <paramref name="days"/> days at <paramref name="now"/>.</summary>
    public static DateOnly DueThrough(DateTimeOffset now, int days, string shopTimeZone) =>
        TimeZones.DateIn(now.AddDays(-days), shopTimeZone).AddDays(-1);

    private SweepScope Window(DateOnly through, DateOnly? checkpoint, Func<DateOnly, DateOnly, SweepScope> scope)
    {
        // A journey's first sweep reads CatchUpDays back; after that every day since its checkpoint, however long the
        // host was down: a customer who became due during an outage is still due, and skipping the day loses them.
        var from = checkpoint is { } done ? done.AddDays(1) : through.AddDays(1 - Math.Max(1, Sweep.CatchUpDays));
        return from > through ? new SweepScope.NoRead("this sweep has no new dates to read") : scope(from, through);
    }

    private SweepMiss? Within(DateOnly date, DateOnly from, DateOnly through, DateOnly foundOn, DateTimeOffset last, DateTimeOffset now, InactivityTrigger trigger, CustomerProfile profile)
    {
        if (date > through)
        {
            return new SweepMiss.NotDueYet(Idle(last, now), foundOn, trigger, profile.AverageDaysBetweenOrders);
        }

        return date < from ? new SweepMiss.ReadBefore(foundOn, from, Sweep.CatchUpDays) : null;
    }

    private static double Idle(DateTimeOffset last, DateTimeOffset now) => Math.Max(0, (now - last).TotalDays);

    private static double? ThresholdDays(InactivityTrigger trigger, CustomerProfile profile) =>
        trigger.Intervals is { } times && profile.AverageDaysBetweenOrders is { } usual ? times * usual : trigger.Days;

    private static CronExpression Cron(ScheduleTrigger trigger) =>
        CronExpression.Parse(trigger.Cron, trigger.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    private sealed record SweepPeriod(DateTimeOffset After, DateTimeOffset Until, DateTimeOffset[] Times);
}
