using EcCrm.Core.Messaging.Events;

namespace EcCrm.Core.Messaging;

/// <summary>A change asked of one send's ledger row; <see cref="SendStateMachine.Next"/> says what it does from each status.</summary>
public abstract record SendTransition
{
    private SendTransition()
    {
    }

    /// <summary>An attempt takes the send: a new row, or a deferred or released one. <paramref name="Attempt"/> is the row as this attempt writes it.</summary>
    public sealed record Claim(SendRecord Attempt) : SendTransition;

    /// <summary>The provider accepted the message.</summary>
    public sealed record Accept(DateTimeOffset At, string? ProviderMessageId) : SendTransition;

    /// <summary>The outcome is unknown: the request may have reached the provider.</summary>
    public sealed record Unconfirm(string Reason) : SendTransition;

    /// <summary>An unconfirmed send that no provider event settled within the reconciliation window: sent again, with its key.</summary>
    public sealed record Resend(SendRecord Attempt) : SendTransition;

    /// <summary>The provider refused the message for now; nothing was accepted.</summary>
    public sealed record Defer(string Reason) : SendTransition;

    /// <summary>The provider never got the message; the claim is given back.</summary>
    public sealed record Release(string Reason) : SendTransition;

    /// <summary>The provider refused the message for good.</summary>
    public sealed record Reject(string Reason) : SendTransition;

    /// <summary>The provider reported an event about the message (it carried the send's key).</summary>
    public sealed record Observe(ProviderEvent Event) : SendTransition;
}
