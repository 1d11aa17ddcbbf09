using System.Globalization;
using EcCrm.Core.Messaging.Localization;

namespace EcCrm.Core.Tests.Messaging;

public class LocalDatesTests
{
    // 22:00 UTC on 26 October: 07:00 on the 27th in Tokyo, 22:00 (GMT, after the clocks went back) on the 26th in London.
    private static readonly DateTimeOffset Placed = new(2026, 10, 26, 22, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Asia/Tokyo", "ja-JP", "2026年10月27日")]
    [InlineData("Europe/London", "en-GB", "26 October 2026")]
    [InlineData("America/New_York", "en-US", "October 26, 2026")]
    [InlineData("Europe/Berlin", "de-DE", "26. Oktober 2026")]
    public void WritesTheDayOnTheReadersClockInTheirLocale(string zone, string culture, string expected)
    {
        Assert.Equal(expected, LocalDates.Format(LocalDates.InZone(Placed, zone), CultureInfo.GetCultureInfo(culture)));
    }
}
