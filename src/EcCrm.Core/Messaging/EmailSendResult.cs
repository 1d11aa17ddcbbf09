namespace EcCrm.Core.Messaging;

/// <summary>The provider's final answer to one message (transient failures are retried and then thrown, not returned).</summary>
public abstract record EmailSendResult
{
    private EmailSendResult()
    {
    }

    public sealed record Accepted(string? ProviderMessageId) : EmailSendResult;

    /// <summary>The provider refused the message for good (a bad address, a rejected payload): sending again would not help.</summary>
    public sealed record Rejected(string Reason) : EmailSendResult;
}
