using EcCrm.Infrastructure.Journeys;

namespace EcCrm.Infrastructure.Tests.Journeys;

public class ScaledTimeProviderTests
{
    [Fact]
    public void RunsFasterByItsFactor()
    {
        var origin = TimeProvider.System.GetUtcNow().AddSeconds(-2);
        var clock = new ScaledTimeProvider(origin, origin, factor: 3600);

        var simulated = clock.GetUtcNow() - origin;

        Assert.InRange(simulated, TimeSpan.FromHours(1.9), TimeSpan.FromHours(3)); // about two real seconds
        Assert.InRange(clock.ToRealDelay(TimeSpan.FromHours(1)), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.1));
    }

    [Fact]
    public void ACatchingUpClockKeepsRealTimeOnceItHasCaughtUp()
    {
        var real = TimeProvider.System.GetUtcNow();
        var caughtUp = new ScaledTimeProvider(real.AddDays(-1), real.AddSeconds(-10), factor: 86400, catchUp: true);

        Assert.InRange(caughtUp.GetUtcNow() - TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
        Assert.InRange(caughtUp.ToRealDelay(TimeSpan.FromMinutes(5)), TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5.1));
    }

    [Fact]
    public void ACatchingUpClockStillInThePastRunsFastUntilItMeetsRealTime()
    {
        var real = TimeProvider.System.GetUtcNow();
        var clock = new ScaledTimeProvider(real.AddDays(-10), real, factor: 86400, catchUp: true);

        Assert.InRange(real - clock.GetUtcNow(), TimeSpan.FromDays(9), TimeSpan.FromDays(10));
        Assert.InRange(clock.ToRealDelay(TimeSpan.FromDays(1)), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
    }
}
