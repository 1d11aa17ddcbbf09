using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>A message on the <c>journey-inputs</c> queue: one input for one enrollment.</summary>
public sealed record JourneyInputMessage(string EnrollmentId, JourneyInput Input);
