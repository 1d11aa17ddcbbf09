using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// Runs a journey for one customer's timeline with a simulated clock: the same entry evaluation, decider and send policy
/// as production, with the daily sweep at 06:00 shop time, sends judged against a simulated send history, and the
/// customer's orders and e-mail reactions fed in at their times.
/// </summary>
public static class JourneySimulator
{
    /// <summary>At most this many enrollments (re-entries included) are simulated per customer.</summary>
    public const int MaxEnrollments = 20;

    /// <summary>The hour of the daily sweep (shop-local) at which inactivity and segment entry is checked.</summary>
    public const int SweepHour = 6;

    public static SimulationResult Run(JourneyDefinition journey, CustomerTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(timeline);
        return new SimulationRun(journey, timeline).Execute();
    }
}
