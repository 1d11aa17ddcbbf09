using EcCrm.Core.Profiles;

namespace EcCrm.Core.Orders;

/// <summary>What ingesting one order did: the stored order's fate and the customer's profile before and after.</summary>
public sealed record IngestResult(
    OrderRecord Order,
    CustomerKey? Customer,
    OrderSaveOutcome Saved,
    CustomerProfile? ProfileBefore,
    CustomerProfile? ProfileAfter)
{
    /// <summary>The order reached EcCrm for the first time (as opposed to an update or a redelivery).</summary>
    public bool IsNewOrder => Saved == OrderSaveOutcome.Created;
}
