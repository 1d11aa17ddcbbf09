namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The journeys' clock against real time. In production it is real time. For demos and end-to-end tests it runs
/// <see cref="Factor"/> times faster from a shared origin and, with <see cref="CatchUp"/>, only until it has met real
/// time. A durable run carries its clock in its input, so its replays read the same times and its timers fire at the
/// matching real moments.
/// </summary>
public sealed record JourneyClock(double Factor, DateTimeOffset RealOrigin, DateTimeOffset SimulatedOrigin, bool CatchUp = false)
{
    /// <summary>Real time.</summary>
    public static JourneyClock Real { get; } = new(1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    /// <summary>The real moment a catching-up clock meets real time: origin + (t − realOrigin)·factor = t; <c>null</c> when it never does.</summary>
    public DateTimeOffset? CaughtUpAt => CatchUp && Factor > 1 && SimulatedOrigin < RealOrigin
        ? RealOrigin + ((RealOrigin - SimulatedOrigin) / (Factor - 1))
        : null;

    /// <summary>What the journeys' clock reads at a real moment.</summary>
    public DateTimeOffset ToJourneyTime(DateTimeOffset real) =>
        CaughtUpAt is { } met && real >= met ? real : SimulatedOrigin + ((real - RealOrigin) * Factor);

    /// <summary>The real moment the journeys' clock reads <paramref name="journeyTime"/>.</summary>
    public DateTimeOffset ToRealTime(DateTimeOffset journeyTime) =>
        CaughtUpAt is { } met && journeyTime >= met ? journeyTime : RealOrigin + ((journeyTime - SimulatedOrigin) / Factor);
}
