namespace EcCrm.Core.Messaging;

/// <summary>Where a send stands in the ledger.</summary>
public enum SendStatus
{
    /// <summary>Claimed: the row was written and the provider is being called.</summary>
    Pending,

    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>The provider refused it for good.</summary>
    Failed,

    /// <summary>A crash left it pending: it may or may not have gone out, and it will not be sent again.</summary>
    Unconfirmed,
}
