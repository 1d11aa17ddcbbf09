using EcCrm.Core.Orders;

namespace EcCrm.Testing;

/// <summary>Orders for tests and benchmarks that need a purchase, not its details (add them with <c>with</c>).</summary>
public static class TestOrders
{
    /// <summary>A paid generic-format order in yen from a Japanese customer who accepts marketing.</summary>
    public static OrderRecord Paid(string orderId, string email, DateTimeOffset placedAt, decimal total = 3200m) => new()
    {
        Source = OrderSource.Generic,
        OrderId = orderId,
        Status = OrderStatus.Paid,
        PlacedAt = placedAt,
        UpdatedAt = placedAt,
        Currency = "JPY",
        Total = total,
        Customer = new OrderCustomer { Email = email, AcceptsMarketing = true, CountryCode = "JP" },
    };
}
