namespace EcCrm.Core.Orders;

/// <summary>The state of an order as far as buying behaviour is concerned.</summary>
public enum OrderStatus
{
    /// <summary>Placed but not (yet) paid, e.g. bank transfer or cash on delivery. Counts as a purchase.</summary>
    Placed,

    /// <summary>Paid (possibly partially refunded: see <see cref="OrderRecord.RefundedAmount"/>).</summary>
    Paid,

    /// <summary>Cancelled, voided or failed: not a purchase.</summary>
    Cancelled,

    /// <summary>Fully refunded: not a purchase.</summary>
    Refunded,
}
