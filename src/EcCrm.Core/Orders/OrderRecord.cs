namespace EcCrm.Core.Orders;

/// <summary>
/// The one canonical order every shop webhook is mapped to. Amounts are in the shop currency.
/// A later version of the same order (same <see cref="Source"/> and <see cref="OrderId"/>) carries a later
/// <see cref="UpdatedAt"/> and replaces the earlier one.
/// </summary>
public sealed record OrderRecord
{
    public required OrderSource Source { get; init; }

    public required string OrderId { get; init; }

    /// <summary>The number a customer sees, such as <c>#1001</c>.</summary>
    public string? OrderNumber { get; init; }

    public required OrderStatus Status { get; init; }

    public required DateTimeOffset PlacedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>ISO 4217 code of the shop currency.</summary>
    public required string Currency { get; init; }

    /// <summary>What the customer was charged, in the shop currency, before refunds.</summary>
    public required decimal Total { get; init; }

    /// <summary>What has been refunded so far, in the shop currency.</summary>
    public decimal RefundedAmount { get; init; }

    public OrderCustomer Customer { get; init; } = OrderCustomer.Anonymous;

    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    public IReadOnlyList<string> DiscountCodes { get; init; } = [];

    /// <summary>Cancelled and fully refunded orders are not purchases: they count neither as orders nor as revenue.</summary>
    public bool CountsAsPurchase => Status is OrderStatus.Placed or OrderStatus.Paid;

    /// <summary>What the order is worth to the shop now: the total less refunds, or nothing if it is not a purchase.</summary>
    public decimal NetRevenue => CountsAsPurchase ? Math.Max(0m, Total - RefundedAmount) : 0m;

    /// <summary>True when this record is a newer version of <paramref name="stored"/> (or the same one, delivered again).</summary>
    public bool Supersedes(OrderRecord stored) => UpdatedAt > stored.UpdatedAt
        || (UpdatedAt == stored.UpdatedAt && StatusRank(Status) > StatusRank(stored.Status));

    // Two versions stamped with the same time: a cancellation or refund outranks a payment, which outranks a placement.
    private static int StatusRank(OrderStatus status) => status switch
    {
        OrderStatus.Placed => 0,
        OrderStatus.Paid => 1,
        OrderStatus.Cancelled => 2,
        OrderStatus.Refunded => 2,
        _ => 0,
    };
}
