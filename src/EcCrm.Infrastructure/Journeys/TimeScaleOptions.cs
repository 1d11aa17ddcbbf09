namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Runs the clock faster than real time (demo and end-to-end tests only): with <see cref="Factor"/> 86400 a simulated
/// day passes every second. Processes that should share one clock share <see cref="RealOrigin"/> and <see cref="SimulatedOrigin"/>.
/// </summary>
public sealed class TimeScaleOptions
{
    public const string SectionName = "TimeScale";

    public double Factor { get; set; } = 1;

    /// <summary>The real moment the simulated clock starts from (default: process start).</summary>
    public DateTimeOffset? RealOrigin { get; set; }

    /// <summary>What the simulated clock reads at <see cref="RealOrigin"/> (default: the same moment).</summary>
    public DateTimeOffset? SimulatedOrigin { get; set; }

    /// <summary>A clock started in the past runs fast only until it has caught up with real time (the demo's replay of past weeks).</summary>
    public bool CatchUp { get; set; }

    public TimeProvider CreateClock()
    {
        if (Factor == 1 && SimulatedOrigin is null)
        {
            return TimeProvider.System;
        }

        var realOrigin = RealOrigin ?? TimeProvider.System.GetUtcNow();
        return new ScaledTimeProvider(SimulatedOrigin ?? realOrigin, realOrigin, Factor, CatchUp);
    }
}
