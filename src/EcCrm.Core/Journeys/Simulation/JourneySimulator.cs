using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// Runs journeys for one customer's timeline with a simulated clock and the shop's settings, through the same use cases
/// the hosts run: entries found by <see cref="Entry.EntrySchedule"/> at the sweep's and schedules' times and decided by
/// <see cref="Entry.EntryEvaluation"/>, each enrollment driven by <see cref="Running.JourneyInterpreter"/> over in-memory
/// ports, sends judged by <see cref="Sending.SendPolicy"/> against one history for every journey, and the customer's
/// orders and e-mail reactions fed in at their times. Starts as if the journeys were published at the timeline's start.
/// </summary>
public static class JourneySimulator
{
    /// <summary>At most this many enrollments (re-entries included) are simulated per journey.</summary>
    public const int MaxEnrollments = 20;

    public static SimulationResult Run(JourneyDefinition journey, CustomerTimeline timeline, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return Run([journey], timeline, settings);
    }

    /// <summary>Several journeys at once for the one customer: their sends share the frequency cap, and what falls at one moment goes in their priority order.</summary>
    public static SimulationResult Run(IReadOnlyList<JourneyDefinition> journeys, CustomerTimeline timeline, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(settings);
        if (journeys.Count == 0 || journeys.Select(journey => journey.Id).Distinct(StringComparer.Ordinal).Count() != journeys.Count)
        {
            throw new ArgumentException("Simulate at least one journey, each once.", nameof(journeys));
        }

        return new SimulationRun(journeys, timeline, settings).Execute();
    }
}
