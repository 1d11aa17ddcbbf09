namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// What journeys would do for one customer: every event in time order across the journeys, each enrollment's outcome,
/// and, for a journey the customer never entered, why not; with the shop settings it ran with.
/// <see cref="Decisions"/> counts the decider's decisions (for benchmarks).
/// </summary>
public sealed record SimulationResult(
    IReadOnlyList<SimulatedJourney> Journeys,
    string CustomerTimeZone,
    string ShopTimeZone,
    string SweepSchedule,
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<SimulationEvent> Events,
    IReadOnlyList<SimulationEnrollment> Enrollments,
    int Decisions)
{
    /// <summary>Why the customer never entered the first journey (the one simulated, when there is one), or <c>null</c>.</summary>
    public string? NotEnteredBecause => Journeys.Count > 0 ? Journeys[0].NotEnteredBecause : null;
}
