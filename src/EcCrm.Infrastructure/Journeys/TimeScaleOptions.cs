using EcCrm.Core.Journeys.Running;

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

    /// <summary>
    /// Stretches of journey time that pass at their own speed (end-to-end tests slow the clock where a run decides, so
    /// latency stays short in journey time); in order and apart, after <see cref="SimulatedOrigin"/>. Not with <see cref="CatchUp"/>.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public List<TimeScaleStretch> Stretches { get; set; } = [];

    public bool IsRealTime => Factor == 1 && SimulatedOrigin is null && Stretches.Count == 0;

    /// <summary>The journeys' clock these settings describe (read once: a default origin is "now").</summary>
    public JourneyClock CreateJourneyClock()
    {
        if (IsRealTime)
        {
            return JourneyClock.Real;
        }

        var realOrigin = RealOrigin ?? TimeProvider.System.GetUtcNow();
        return new JourneyClock(Factor, realOrigin, SimulatedOrigin ?? realOrigin, CatchUp)
        {
            Stretches = Stretches.Count == 0 ? null : [.. Stretches.OrderBy(stretch => stretch.From).Select(stretch => new ClockStretch(stretch.From, stretch.To, stretch.Factor))],
        };
    }

    /// <summary>A time provider that reads the journeys' clock.</summary>
    public TimeProvider CreateClock() => CreateTimeProvider(CreateJourneyClock());

    public static TimeProvider CreateTimeProvider(JourneyClock clock) => clock == JourneyClock.Real ? TimeProvider.System : new ScaledTimeProvider(clock);
}
