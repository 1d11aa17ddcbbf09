namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The journeys' clock against real time. In production it is real time. For demos and end-to-end tests it runs
/// <see cref="Factor"/> times faster from a shared origin and, with <see cref="CatchUp"/>, only until it has met real
/// time; or it passes some <see cref="Stretches"/> of journey time at another speed (an end-to-end test slows it where
/// decisions are made, so that a second of latency stays seconds and does not become hours). A durable run carries its
/// clock in its input, so its replays read the same times and its timers fire at the matching real moments.
/// </summary>
public sealed record JourneyClock(double Factor, DateTimeOffset RealOrigin, DateTimeOffset SimulatedOrigin, bool CatchUp = false)
{
    /// <summary>Real time.</summary>
    public static JourneyClock Real { get; } = new(1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Stretches of journey time after <see cref="SimulatedOrigin"/>, in order and apart, that pass at their own speed;
    /// between them the clock runs at <see cref="Factor"/>. Not combined with <see cref="CatchUp"/>.
    /// </summary>
    public IReadOnlyList<ClockStretch>? Stretches { get; init; }

    /// <summary>The real moment a catching-up clock meets real time: origin + (t − realOrigin)·factor = t; <c>null</c> when it never does.</summary>
    public DateTimeOffset? CaughtUpAt => CatchUp && Factor > 1 && SimulatedOrigin < RealOrigin && Stretches is not { Count: > 0 }
        ? RealOrigin + ((RealOrigin - SimulatedOrigin) / (Factor - 1))
        : null;

    /// <summary>What the journeys' clock reads at a real moment.</summary>
    public DateTimeOffset ToJourneyTime(DateTimeOffset real)
    {
        if (CaughtUpAt is { } met && real >= met)
        {
            return real;
        }

        var (journey, since) = (SimulatedOrigin, RealOrigin);
        foreach (var stretch in Stretches ?? [])
        {
            var stretchStarts = since + ((stretch.From - journey) / Factor);
            if (real < stretchStarts)
            {
                break;
            }

            var stretchEnds = stretchStarts + ((stretch.To - stretch.From) / stretch.Factor);
            if (real < stretchEnds)
            {
                return stretch.From + ((real - stretchStarts) * stretch.Factor);
            }

            (journey, since) = (stretch.To, stretchEnds);
        }

        return journey + ((real - since) * Factor);
    }

    /// <summary>The real moment the journeys' clock reads <paramref name="journeyTime"/>.</summary>
    public DateTimeOffset ToRealTime(DateTimeOffset journeyTime)
    {
        if (CaughtUpAt is { } met && journeyTime >= met)
        {
            return journeyTime;
        }

        var (journey, since) = (SimulatedOrigin, RealOrigin);
        foreach (var stretch in Stretches ?? [])
        {
            if (journeyTime < stretch.From)
            {
                break;
            }

            var stretchStarts = since + ((stretch.From - journey) / Factor);
            if (journeyTime < stretch.To)
            {
                return stretchStarts + ((journeyTime - stretch.From) / stretch.Factor);
            }

            (journey, since) = (stretch.To, stretchStarts + ((stretch.To - stretch.From) / stretch.Factor));
        }

        return since + ((journeyTime - journey) / Factor);
    }
}
