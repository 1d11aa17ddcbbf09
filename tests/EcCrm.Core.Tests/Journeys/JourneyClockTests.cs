using EcCrm.Core.Journeys.Running;
using static EcCrm.Core.Tests.Journeys.Journeys;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>The demo's and end-to-end tests' journey clock: fast from an origin, slower in the stretches that ask for it.</summary>
public class JourneyClockTests
{
    private static readonly DateTimeOffset Real = Utc(2026, 12, 1, 12);
    private static readonly DateTimeOffset Journey = Utc(2026, 3, 6, 12);

    // A day every two seconds, but an hour from 13:00 journey time at ten times real time (six real minutes).
    private static readonly JourneyClock Clock = new(43_200, Real, Journey) { Stretches = [new ClockStretch(Journey.AddHours(1), Journey.AddHours(2), 10)] };

    [Fact]
    public void RunsFastUntilAStretchThenAtTheStretchsSpeedThenFastAgain()
    {
        var stretchStarts = Real + TimeSpan.FromHours(1) / 43_200;

        Close(Journey.AddMinutes(30), Clock.ToJourneyTime(Real + (TimeSpan.FromMinutes(30) / 43_200)));
        Close(Journey.AddHours(1), Clock.ToJourneyTime(stretchStarts));
        Close(Journey.AddHours(1).AddSeconds(100), Clock.ToJourneyTime(stretchStarts.AddSeconds(10)));
        Close(Journey.AddHours(2), Clock.ToJourneyTime(stretchStarts.AddMinutes(6)));
        Close(Journey.AddDays(1).AddHours(2), Clock.ToJourneyTime(stretchStarts.AddMinutes(6).AddSeconds(2)));
    }

    [Fact]
    public void MapsJourneyTimeBackToTheRealMomentItReads()
    {
        foreach (var at in new[] { Journey.AddMinutes(-5), Journey, Journey.AddMinutes(59), Journey.AddHours(1.5), Journey.AddHours(2), Journey.AddDays(3) })
        {
            Close(at, Clock.ToJourneyTime(Clock.ToRealTime(at)));
        }

        Assert.Equal(Real, JourneyClock.Real.ToRealTime(Real));
    }

    // A real tick is 43,200 journey ticks: times agree to a few milliseconds, not to the tick.
    private static void Close(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((actual - expected).Duration() < TimeSpan.FromMilliseconds(10), $"expected {expected:O}, got {actual:O}");
}
