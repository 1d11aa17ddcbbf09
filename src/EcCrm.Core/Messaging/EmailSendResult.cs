namespace EcCrm.Core.Messaging;

/// <summary>
/// The provider's answer to one message, or what is known without one. Only <see cref="Unconfirmed"/> leaves open
/// whether the provider has the message; every other case is definite.
/// </summary>
public abstract record EmailSendResult
{
    private EmailSendResult()
    {
    }

    public sealed record Accepted(string? ProviderMessageId) : EmailSendResult;

    /// <summary>The provider refused the message for good (a bad address, a rejected payload): sending again would not help.</summary>
    public sealed record Rejected(string Reason) : EmailSendResult;

    /// <summary>The provider refused the message for now (rate limited, after retries): nothing was accepted.</summary>
    public sealed record TryLater(string Reason) : EmailSendResult;

    /// <summary>The request never reached the provider (no connection could be made): nothing was accepted.</summary>
    public sealed record Unreachable(string Reason) : EmailSendResult;

    /// <summary>
    /// The request was sent but its answer was lost or unclear (a timeout, a reset connection, a 5xx): the provider may
    /// have accepted it. Sending it again could send it twice.
    /// </summary>
    public sealed record Unconfirmed(string Reason) : EmailSendResult;
}
