using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>A message on the <c>journey-inputs</c> queue: one input for one enrollment, with the W3C
/// <c>traceparent</c> of the trace that produced it, so the run's step continues that trace.</summary>
public sealed record JourneyInputMessage(string EnrollmentId, JourneyInput Input, string? TraceParent = null);
