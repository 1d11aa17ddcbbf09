namespace EcCrm.Core.Journeys.Simulation;

/// <summary>One journey of a simulation: which version, its send priority, and, when the customer never entered it, the real reason.</summary>
public sealed record SimulatedJourney(string JourneyId, int Version, string Name, int Priority, string? NotEnteredBecause);
