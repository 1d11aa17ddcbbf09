using EcCrm.Core.Journeys.Running;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>An hourly UTC timer (Azure Functions on Linux) runs the sweep in the one hour its shop-local schedule fires.</summary>
public class SweepScheduleTests
{
    private static readonly SweepOptions Daily = new(); // 02:00 shop time

    [Theory]
    [InlineData("2026-11-22T17:00:00Z", true)]  // 02:00 in Tokyo
    [InlineData("2026-11-22T17:59:00Z", true)]
    [InlineData("2026-11-22T18:00:00Z", false)] // the next tick: already ran
    [InlineData("2026-11-22T16:59:00Z", false)]
    public void FiresInTheHourOfTwoInTheMorningShopTime(string now, bool fires)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fires, Daily.FiresBetween(at.AddHours(-1), at, "Asia/Tokyo"));
    }

    [Fact]
    public void FollowsTheShopsClockAcrossDaylightSavingTime()
    {
        // 02:00 in New York is 07:00 UTC in winter and 06:00 UTC in summer.
        Assert.True(Daily.FiresBetween(new(2026, 1, 15, 6, 30, 0, TimeSpan.Zero), new(2026, 1, 15, 7, 30, 0, TimeSpan.Zero), "America/New_York"));
        Assert.True(Daily.FiresBetween(new(2026, 7, 15, 5, 30, 0, TimeSpan.Zero), new(2026, 7, 15, 6, 30, 0, TimeSpan.Zero), "America/New_York"));
        Assert.False(Daily.FiresBetween(new(2026, 7, 15, 6, 30, 0, TimeSpan.Zero), new(2026, 7, 15, 7, 30, 0, TimeSpan.Zero), "America/New_York"));
    }
}
