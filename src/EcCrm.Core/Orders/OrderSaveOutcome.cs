namespace EcCrm.Core.Orders;

/// <summary>What storing one version of an order did.</summary>
public enum OrderSaveOutcome
{
    /// <summary>The order was new.</summary>
    Created,

    /// <summary>A newer version replaced the stored one (status change, refund, edit).</summary>
    Updated,

    /// <summary>The stored version is the same or newer: nothing was written.</summary>
    Unchanged,
}
