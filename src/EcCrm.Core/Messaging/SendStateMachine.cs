using EcCrm.Core.Messaging.Events;

namespace EcCrm.Core.Messaging;

/// <summary>
/// The send ledger's transitions, in one place and free of I/O:
/// <code>
/// (none) | released | deferred --claim--> claimed
/// claimed --accept--> accepted      claimed --unconfirm--> unconfirmed
/// claimed --defer--> deferred       claimed --release--> released
/// claimed | unconfirmed --reject--> rejected
/// unconfirmed --accept--> accepted  (the attempt's own answer came late)
/// unconfirmed --resend--> claimed   (no provider event within the reconciliation window)
/// any row --provider event--> accepted (rejected when dropped), with what the event reports
/// </code>
/// A provider only reports on messages it accepted, so any event carrying the send's key confirms it, whatever the row
/// said. Claims are exclusive: claimed, accepted, unconfirmed and rejected rows cannot be claimed again.
/// </summary>
public static class SendStateMachine
{
    private static readonly SendStep Keep = new SendStep.Keep();
    private static readonly SendStep Refuse = new SendStep.Refuse();

    /// <summary>Whether a new attempt may claim a row in this status: the provider has definitely not got the message.</summary>
    public static bool IsClaimable(SendStatus status) => status is SendStatus.Deferred or SendStatus.Released;

    /// <summary>Whether the message may have reached the customer (it counts against the frequency cap).</summary>
    public static bool MayHaveBeenSent(SendStatus status) => status is SendStatus.Claimed or SendStatus.Accepted or SendStatus.Unconfirmed;

    /// <summary>What <paramref name="transition"/> does to <paramref name="current"/> (<c>null</c>: no row yet).</summary>
    public static SendStep Next(SendRecord? current, SendTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return (current?.Status, transition) switch
        {
            (null, SendTransition.Claim claim) => Write(claim.Attempt with { Status = SendStatus.Claimed, ClaimedAt = claim.Attempt.LastClaimedAt, Attempts = 1, Version = null }),
            (SendStatus.Deferred or SendStatus.Released, SendTransition.Claim claim) => Write(Reclaim(current!, claim.Attempt)),
            (_, SendTransition.Claim) => Refuse,

            (SendStatus.Unconfirmed, SendTransition.Resend resend) => Write(Reclaim(current!, resend.Attempt)),
            (_, SendTransition.Resend) => Refuse,

            (SendStatus.Claimed or SendStatus.Unconfirmed, SendTransition.Accept accept) =>
                Write(current! with { Status = SendStatus.Accepted, SentAt = accept.At, ProviderMessageId = accept.ProviderMessageId, FailureReason = null }),
            (SendStatus.Accepted or SendStatus.Rejected, SendTransition.Accept accept) =>
                Changed(current!, current! with { SentAt = current!.SentAt ?? accept.At, ProviderMessageId = current.ProviderMessageId ?? accept.ProviderMessageId }),
            (_, SendTransition.Accept) => Refuse,

            (SendStatus.Claimed, SendTransition.Unconfirm unconfirm) => Write(current! with { Status = SendStatus.Unconfirmed, FailureReason = unconfirm.Reason }),
            (SendStatus.Unconfirmed or SendStatus.Accepted or SendStatus.Rejected, SendTransition.Unconfirm) => Keep,
            (_, SendTransition.Unconfirm) => Refuse,

            (SendStatus.Claimed, SendTransition.Defer defer) => Write(current! with { Status = SendStatus.Deferred, FailureReason = defer.Reason }),
            (SendStatus.Deferred, SendTransition.Defer) => Keep,
            (_, SendTransition.Defer) => Refuse,

            (SendStatus.Claimed, SendTransition.Release release) => Write(current! with { Status = SendStatus.Released, FailureReason = release.Reason }),
            (SendStatus.Released, SendTransition.Release) => Keep,
            (_, SendTransition.Release) => Refuse,

            (SendStatus.Claimed or SendStatus.Unconfirmed, SendTransition.Reject reject) => Write(current! with { Status = SendStatus.Rejected, FailureReason = reject.Reason }),
            (SendStatus.Rejected, SendTransition.Reject) => Keep,
            (_, SendTransition.Reject) => Refuse,

            (null, SendTransition.Observe) => Refuse,
            (_, SendTransition.Observe observe) => Changed(current!, Observed(current!, observe.Event)),

            _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, $"Unknown transition {transition.GetType().Name}."),
        };
    }

    /// <summary>A new attempt at a deferred, released or unsettled send: its content, the row's history and version.</summary>
    private static SendRecord Reclaim(SendRecord current, SendRecord attempt) => attempt with
    {
        Status = SendStatus.Claimed,
        QueuedAt = current.QueuedAt,
        ClaimedAt = attempt.LastClaimedAt,
        Attempts = current.Attempts + 1,
        FailureReason = null,
        DeliveredAt = current.DeliveredAt,
        OpenedAt = current.OpenedAt,
        ClickedAt = current.ClickedAt,
        BouncedAt = current.BouncedAt,
        BounceReason = current.BounceReason,
        UnsubscribedAt = current.UnsubscribedAt,
        Version = current.Version,
    };

    private static SendRecord Observed(SendRecord record, ProviderEvent providerEvent)
    {
        var confirmed = record.Status is SendStatus.Accepted or SendStatus.Rejected ? record : record with { Status = SendStatus.Accepted, FailureReason = null };
        return providerEvent.Type switch
        {
            ProviderEventType.Delivered => confirmed with { DeliveredAt = record.DeliveredAt ?? providerEvent.At },
            ProviderEventType.Open => confirmed with { OpenedAt = record.OpenedAt ?? providerEvent.At },
            ProviderEventType.Click => confirmed with { ClickedAt = record.ClickedAt ?? providerEvent.At, OpenedAt = record.OpenedAt ?? providerEvent.At },
            ProviderEventType.Bounce => confirmed with { BouncedAt = record.BouncedAt ?? providerEvent.At, BounceReason = providerEvent.Reason },
            ProviderEventType.Dropped => record with { Status = SendStatus.Rejected, FailureReason = $"dropped by the provider: {providerEvent.Reason}" },
            ProviderEventType.SpamReport or ProviderEventType.Unsubscribe or ProviderEventType.GroupUnsubscribe => confirmed with { UnsubscribedAt = record.UnsubscribedAt ?? providerEvent.At },
            _ => confirmed,
        };
    }

    private static SendStep.Write Write(SendRecord next) => new(next);

    private static SendStep Changed(SendRecord current, SendRecord next) => next == current ? Keep : Write(next);
}
