using System.Globalization;
using System.Text.RegularExpressions;
using EcCrm.Core.Shop;
using NodaTime;

namespace EcCrm.Core.Messaging.Localization;

/// <summary>
/// Dates as the reader's locale writes them in running text: the locale's long date without the day of the week
/// (2026年10月27日, October 27, 2026, 27 October 2026). The date is the one on the reader's clock: convert the instant to
/// their time zone first.
/// </summary>
public static partial class LocalDates
{
    public static string Format(DateTimeOffset date, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var pattern = Weekday().Replace(culture.DateTimeFormat.LongDatePattern, string.Empty).Trim(' ', ',', '、');
        return date.ToString(pattern.Length == 0 ? "D" : pattern, culture);
    }

    /// <summary>The instant on the clock of an IANA time zone.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, string zoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(TimeZones.Get(zoneId)).ToDateTimeOffset();

    // The day-of-week name and the separator that goes with it, before or after it ("dddd, ", "yyyy年M月d日dddd").
    [GeneratedRegex(@"\s*,?\s*dddd\s*,?\s*")]
    private static partial Regex Weekday();
}
