namespace EcCrm.Core.Messaging;

/// <summary>
/// Where a send stands in the ledger. <see cref="SendStateMachine"/> defines how a row moves between these:
/// claimed → accepted | unconfirmed | deferred | released (and rejected for a permanent refusal).
/// </summary>
public enum SendStatus
{
    /// <summary>An attempt holds the send and is calling the provider.</summary>
    Claimed,

    /// <summary>The provider has the message: it answered so, or it reported an event about it.</summary>
    Accepted,

    /// <summary>
    /// The request may have reached the provider but its answer was lost (a timeout, a reset connection, a 5xx, or the
    /// attempt stopped after the claim). It is not sent again blindly; a provider event carrying its key confirms it.
    /// </summary>
    Unconfirmed,

    /// <summary>The provider refused it for now (rate limited): nothing was accepted, and a later attempt claims it again.</summary>
    Deferred,

    /// <summary>The attempt gave the claim back without the provider getting the message (it could not be reached); a later attempt claims it again.</summary>
    Released,

    /// <summary>The provider refused it for good (a permanent 4xx, or it dropped the message).</summary>
    Rejected,
}
