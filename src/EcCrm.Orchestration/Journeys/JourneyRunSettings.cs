using EcCrm.Core.Journeys.Running;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// What a run takes from its host's settings when it starts, and keeps in its input so that every replay reads the
/// same: the journeys' clock (real time, or the demo's fast clock) and the activity retries.
/// </summary>
public sealed record JourneyRunSettings(JourneyClock Clock, ActivityRetry Retry)
{
    public static JourneyRunSettings Default { get; } = new(JourneyClock.Real, ActivityRetry.Default);
}
