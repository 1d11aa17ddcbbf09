namespace EcCrm.Core.Messaging;

/// <summary>What applying a transition to the ledger did.</summary>
public enum SendLedgerChange
{
    /// <summary>The row was written as the transition asked.</summary>
    Written,

    /// <summary>The row already said so; nothing was written.</summary>
    Unchanged,

    /// <summary>The transition is not allowed from the row's status; nothing was written.</summary>
    Refused,
}
