using EcCrm.Core.Journeys.Running;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// A run as the engine sees it, beside the enrollment as its last step saved it: running (and, if so, waiting for a
/// timer until when, in journey time), completed, terminated, or failed with the reason.
/// </summary>
public sealed record JourneyRunStatus(
    string EnrollmentId,
    string EngineStatus,
    DateTimeOffset? WaitingUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Failure,
    EnrollmentView? Enrollment);
