using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Sending;

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
    string? WaitingFor,
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
        WaitingForOf(enrollment.State),
        enrollment.CreatedAt,
        enrollment.State.Status == EnrollmentStatus.New ? null : enrollment.State.EnteredAt,
        enrollment.State.EndedAt,
        enrollment.State.ExitReason,
        enrollment.State.ConvertedOrderId);

    /// <summary>What a running enrollment waits for, in words (a long e-mail provider outage shows here).</summary>
    public static string? WaitingForOf(EnrollmentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.HasEnded ? null : state.Wait switch
        {
            WaitKind.SendRetry => state.SendDeferredFor switch
            {
                DeferReason.ProviderBusy => "the e-mail provider",
                DeferReason.JourneyHeld => "the journey to be resumed (paused for deliverability)",
                DeferReason.AwaitingConfirmation => "the e-mail provider to confirm the last e-mail",
                DeferReason.QuietHours => "the end of the customer's quiet hours",
                DeferReason.FrequencyCap => "room under the frequency cap",
                _ => "the moment to try the e-mail again",
            },
            WaitKind.SendOutcome => "an e-mail to be sent",
            WaitKind.Delay => "a delay to pass",
            WaitKind.Event => "what the wait step listens for, or its timeout",
            WaitKind.Goal => "the end of the goal window",
            _ => null,
        };
    }
}
