using Cronos;

namespace EcCrm.Core.Journeys.Running;

/// <summary>When the inactivity sweep runs and how far back it catches up.</summary>
public sealed class SweepOptions
{
    public const string SectionName = "Sweep";

    /// <summary>Cron (five fields) in the shop's time zone. Default: daily at 02:00.</summary>
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>
    /// The backfill window of a journey's first sweep: it reads this many days of last-order dates, so a newly published
    /// journey enrolls customers who became due up to this many days before, and not everyone who ever went quiet. Later
    /// sweeps read every day since the journey's checkpoint, however long the host was down or the journey paused, so
    /// no due customer is skipped. 1 to 366 (<c>Sweep__CatchUpDays</c>).
    /// </summary>
    public int CatchUpDays { get; set; } = 7;

    /// <summary>Also sweep once when the host starts (catching up what a stopped host missed).</summary>
    public bool RunOnStart { get; set; } = true;

    /// <summary>Customers enrolled in parallel.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>
    /// Whether <see cref="Schedule"/> fires after <paramref name="from"/> and no later than <paramref name="to"/>: for a
    /// host whose timer cannot run in the shop's time zone (Azure Functions on Linux ticks hourly in UTC and asks this).
    /// </summary>
    /// <summary>When <see cref="Schedule"/> next fires after <paramref name="after"/>, in the shop's time zone; <c>null</c> if never.</summary>
    public DateTimeOffset? NextRunAfter(DateTimeOffset after, string shopTimeZone) =>
        CronExpression.Parse(Schedule).GetNextOccurrence(after, TimeZoneInfo.FindSystemTimeZoneById(shopTimeZone));

    public bool FiresBetween(DateTimeOffset from, DateTimeOffset to, string shopTimeZone) =>
        CronExpression.Parse(Schedule).GetNextOccurrence(from, TimeZoneInfo.FindSystemTimeZoneById(shopTimeZone)) is { } next && next <= to;
}
