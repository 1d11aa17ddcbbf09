namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time from a shared origin, for demos and end-to-end
/// tests of journeys that last weeks. With <c>catchUp</c>, a clock started in the past runs fast only until it reaches
/// real time and then keeps real time. Timers and delays created through it shrink accordingly. Processes that share
/// the origins and factor share the clock.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset simulatedOrigin;
    private readonly DateTimeOffset realOrigin;
    private readonly DateTimeOffset? caughtUpAt;

    public ScaledTimeProvider(DateTimeOffset simulatedOrigin, DateTimeOffset realOrigin, double factor, bool catchUp = false)
    {
        Factor = factor > 0 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), "The time scale must be positive.");
        this.simulatedOrigin = simulatedOrigin;
        this.realOrigin = realOrigin;

        // The real moment the fast clock meets real time: origin + (t − realOrigin)·factor = t.
        caughtUpAt = catchUp && factor > 1 && simulatedOrigin < realOrigin
            ? realOrigin + ((realOrigin - simulatedOrigin) / (factor - 1))
            : null;
    }

    public double Factor { get; }

    /// <summary>The real moment a catching-up clock meets real time; <c>null</c> when it never does.</summary>
    public DateTimeOffset? CaughtUpAt => caughtUpAt;

    public override DateTimeOffset GetUtcNow()
    {
        var real = System.GetUtcNow();
        return caughtUpAt is { } met && real >= met ? real : simulatedOrigin + ((real - realOrigin) * Factor);
    }

    /// <summary>How long in real time until this clock has advanced by <paramref name="simulated"/>.</summary>
    public TimeSpan ToRealDelay(TimeSpan simulated)
    {
        if (simulated <= TimeSpan.Zero)
        {
            return simulated;
        }

        var real = System.GetUtcNow();
        var target = GetUtcNow() + simulated;
        var realTarget = caughtUpAt is { } met && target >= met ? target : realOrigin + ((target - simulatedOrigin) / Factor);
        return realTarget - real;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : ToRealDelay(span);
}
