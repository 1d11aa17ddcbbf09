namespace EcCrm.Core.Journeys.Decider;

/// <summary>An order within the goal window: its net revenue counts for the journey (for holdout enrollments too, to measure uplift).</summary>
public sealed record RecordConversion(string OrderId, decimal Revenue, DateTimeOffset PlacedAt) : JourneyEffect;
