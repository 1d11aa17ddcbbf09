using EcCrm.Core.Journeys.Running;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// A <see cref="TimeProvider"/> that reads a <see cref="JourneyClock"/> running faster than real time, for demos and
/// end-to-end tests of journeys that last weeks. Timers and delays created through it shrink accordingly. Processes
/// (and durable runs) that share the clock's origins and factor share the time.
/// </summary>
public sealed class ScaledTimeProvider(JourneyClock clock) : TimeProvider
{
    public ScaledTimeProvider(DateTimeOffset simulatedOrigin, DateTimeOffset realOrigin, double factor, bool catchUp = false)
        : this(new JourneyClock(factor > 0 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), "The time scale must be positive."), realOrigin, simulatedOrigin, catchUp))
    {
    }

    public JourneyClock Clock => clock;

    public double Factor => clock.Factor;

    /// <summary>The real moment a catching-up clock meets real time; <c>null</c> when it never does.</summary>
    public DateTimeOffset? CaughtUpAt => clock.CaughtUpAt;

    public override DateTimeOffset GetUtcNow() => clock.ToJourneyTime(System.GetUtcNow());

    /// <summary>How long in real time until this clock has advanced by <paramref name="simulated"/>.</summary>
    public TimeSpan ToRealDelay(TimeSpan simulated)
    {
        if (simulated <= TimeSpan.Zero)
        {
            return simulated;
        }

        var real = System.GetUtcNow();
        return clock.ToRealTime(clock.ToJourneyTime(real) + simulated) - real;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : ToRealDelay(span);
}
