namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time from a shared origin, for demos and end-to-end
/// tests of journeys that last weeks. Timers and delays created through it shrink by the same factor. Processes that
/// share the origin and factor share the clock.
/// </summary>
public sealed class ScaledTimeProvider(DateTimeOffset simulatedOrigin, DateTimeOffset realOrigin, double factor) : TimeProvider
{
    public double Factor { get; } = factor > 0 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), "The time scale must be positive.");

    public override DateTimeOffset GetUtcNow() => simulatedOrigin + ((System.GetUtcNow() - realOrigin) * Factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;
}
