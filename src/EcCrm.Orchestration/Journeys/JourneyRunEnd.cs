using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Orchestration.Journeys;

/// <summary>How a run ended: the orchestration's output.</summary>
public sealed record JourneyRunEnd(EnrollmentStatus Status, ExitReason? ExitReason, string? ConvertedOrderId);
