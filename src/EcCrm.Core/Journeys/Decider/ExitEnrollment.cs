namespace EcCrm.Core.Journeys.Decider;

/// <summary>The enrollment ended early; the runner stops it and forgets its timers.</summary>
public sealed record ExitEnrollment(ExitReason Reason) : JourneyEffect;
