namespace EcCrm.Core.Journeys.Definition;

/// <summary>A fixed time: days are calendar days in the customer's zone (the local clock time is kept across DST), hours and minutes are elapsed time.</summary>
public sealed record DelayFor(JourneyDuration Duration) : DelaySpec;
