using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Shop;
using NodaTime;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>When a delay ends, computed on the customer's local clock (NodaTime TZDB, so DST gaps and overlaps are handled).</summary>
public static class DelayClock
{
    /// <summary>
    /// The instant the delay ends, or <c>null</c> when it cannot end (a profile date that is unknown and no fallback).
    /// A result at or before <paramref name="now"/> means "go on at once".
    /// </summary>
    public static DateTimeOffset? EndOf(DelaySpec delay, JourneyProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var zone = TimeZones.Get(profile.TimeZone);
        switch (delay)
        {
            case DelayFor span:
                return span.Duration.AddTo(now, zone);
            case DelayUntilLocalTime until:
                return NextLocalTime(until.Time, until.Weekdays, zone, now);
            case DelayUntilProfileDate date:
                DateTimeOffset? baseDate = date.Field switch
                {
                    ProfileDate.PredictedNextOrderAt => profile.PredictedNextOrderAt,
                    ProfileDate.LastOrderAt => profile.LastOrderAt,
                    _ => profile.FirstOrderAt,
                };
                if (baseDate is null)
                {
                    return date.Fallback?.AddTo(now, zone);
                }

                var target = date.Offset.AddTo(baseDate.Value, zone);
                return date.Time is { } time ? AtLocalTime(target, time, zone) : target;
            default:
                throw new ArgumentOutOfRangeException(nameof(delay), delay, "Unknown delay.");
        }
    }

    /// <summary>The first instant after <paramref name="now"/> when the local clock shows <paramref name="time"/> on an allowed weekday; <c>null</c> when no weekday is allowed.</summary>
    public static DateTimeOffset? NextLocalTime(TimeOnly time, IReadOnlyList<DayOfWeek> weekdays, DateTimeZone zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(weekdays);
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        for (var day = 0; day <= 7; day++)
        {
            var date = today.PlusDays(day);
            if (!weekdays.Contains(date.ToDateOnly().DayOfWeek))
            {
                continue;
            }

            var candidate = Resolve(date, time, zone);
            if (candidate > now)
            {
                return candidate;
            }
        }

        return null;
    }

    private static DateTimeOffset AtLocalTime(DateTimeOffset instant, TimeOnly time, DateTimeZone zone) =>
        Resolve(Instant.FromDateTimeOffset(instant).InZone(zone).Date, time, zone);

    // A time skipped by a spring-forward gap moves forward by the gap; a time that occurs twice takes the earlier.
    private static DateTimeOffset Resolve(LocalDate date, TimeOnly time, DateTimeZone zone) =>
        date.At(new LocalTime(time.Hour, time.Minute)).InZoneLeniently(zone).ToDateTimeOffset();
}
