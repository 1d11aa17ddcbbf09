namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// One line of a simulation: when (UTC, and on the customer's clock with its offset), in which journey and which of its
/// enrollments (1, 2 … for re-entries; 0 before any), what happened, at which node, and the detail that explains why.
/// </summary>
public sealed record SimulationEvent(DateTimeOffset At, DateTimeOffset LocalAt, string JourneyId, int Enrollment, string What, string? NodeId, string Detail);
