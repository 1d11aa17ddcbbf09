using System.Globalization;
using System.Text;
using NodaTime;

namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// A span written like <c>3d</c>, <c>12h</c>, <c>1d12h</c>, <c>30m</c> or, for offsets, <c>-2d</c>. Days are calendar
/// days in a time zone (so "1d" after 10:00 is 10:00 the next day, also across a DST change); hours and minutes are elapsed time.
/// </summary>
public readonly record struct JourneyDuration(int Days, int Hours, int Minutes, bool Negative = false)
{
    public bool IsZero => Days == 0 && Hours == 0 && Minutes == 0;

    /// <summary>Roughly, for comparisons and messages: days count as 24 hours.</summary>
    public TimeSpan Approximate => (Negative ? -1 : 1) * new TimeSpan(Days, Hours, Minutes, 0);

    public static bool TryParse(string? text, out JourneyDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        int days = 0, hours = 0, minutes = 0, order = 0;
        var any = false;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == span.Length || digits > 6
                || !int.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitOrder = span[digits] switch { 'd' => 1, 'h' => 2, 'm' => 3, _ => 0 };
            if (unitOrder <= order)
            {
                return false;
            }

            order = unitOrder;
            _ = unitOrder switch { 1 => days = value, 2 => hours = value, _ => minutes = value };
            any = true;
            span = span[(digits + 1)..];
        }

        duration = new JourneyDuration(days, hours, minutes, negative);
        return any;
    }

    /// <summary>The instant this span after (or, when negative, before) <paramref name="from"/>, calendar days counted in <paramref name="zone"/>.</summary>
    public DateTimeOffset AddTo(DateTimeOffset from, DateTimeZone zone)
    {
        var sign = Negative ? -1 : 1;
        var instant = Instant.FromDateTimeOffset(from);
        if (Days != 0)
        {
            var local = instant.InZone(zone).LocalDateTime.PlusDays(sign * Days);
            instant = local.InZoneLeniently(zone).ToInstant();
        }

        return instant.Plus(Duration.FromHours(sign * Hours) + Duration.FromMinutes(sign * Minutes)).ToDateTimeOffset();
    }

    public override string ToString()
    {
        var text = new StringBuilder(Negative ? "-" : string.Empty);
        if (Days != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Days}d");
        }

        if (Hours != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Hours}h");
        }

        if (Minutes != 0 || IsZero)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Minutes}m");
        }

        return text.ToString();
    }
}
