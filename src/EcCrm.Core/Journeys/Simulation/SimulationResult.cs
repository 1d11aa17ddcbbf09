namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// What a journey would do for one customer: every event in time order, each enrollment's outcome, and, when the
/// customer never entered, why not. <see cref="Decisions"/> counts the decider calls (for benchmarks).
/// </summary>
public sealed record SimulationResult(
    string JourneyId,
    int JourneyVersion,
    string CustomerTimeZone,
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<SimulationEvent> Events,
    IReadOnlyList<SimulationEnrollment> Enrollments,
    string? NotEnteredBecause,
    int Decisions);
