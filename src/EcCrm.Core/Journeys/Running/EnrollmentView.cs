using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>An enrollment as the admin API shows it: where it is and when it next wakes up.</summary>
public sealed record EnrollmentView(
    string EnrollmentId,
    string JourneyId,
    int Version,
    EnrollmentGroup Group,
    EnrollmentStatus Status,
    string? CurrentNode,
    DateTimeOffset? NextWakeAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EnteredAt,
    DateTimeOffset? EndedAt,
    ExitReason? ExitReason,
    string? ConvertedOrderId)
{
    public static EnrollmentView From(EnrollmentRecord enrollment) => new(
        enrollment.EnrollmentId,
        enrollment.JourneyId,
        enrollment.Version,
        enrollment.Group,
        enrollment.State.Status,
        enrollment.State.Node,
        enrollment.HasEnded ? null : enrollment.State.TimerAt,
        enrollment.CreatedAt,
        enrollment.State.Status == EnrollmentStatus.New ? null : enrollment.State.EnteredAt,
        enrollment.State.EndedAt,
        enrollment.State.ExitReason,
        enrollment.State.ConvertedOrderId);
}
