namespace EcCrm.Core.Journeys.Decider;

/// <summary>The customer's profile changed (a new segment, tags, attributes); the decider keeps the new facts.</summary>
public sealed record ProfileChanged(JourneyProfile Profile) : JourneyInput;
