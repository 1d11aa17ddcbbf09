using EcCrm.Core.Orders;

namespace EcCrm.Core.Tests.Profiles;

/// <summary>Readable test orders: <c>Order("1001", placed: "2026-01-10", total: 50)</c>.</summary>
internal static class OrderBuilder
{
    public const string Email = "mia@example.com";

    public static OrderRecord Order(
        string id,
        string placed,
        decimal total = 50m,
        OrderStatus status = OrderStatus.Paid,
        decimal refunded = 0m,
        string? updated = null,
        bool? acceptsMarketing = null,
        string? timeZone = null,
        string? country = null,
        string? firstName = "Mia",
        params (string ProductId, int Quantity, string Category)[] lines) => new()
    {
        Source = OrderSource.Generic,
        OrderId = id,
        Status = status,
        PlacedAt = DateTimeOffset.Parse(placed + (placed.Contains('T', StringComparison.Ordinal) ? string.Empty : "T10:00:00Z"), System.Globalization.CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse((updated ?? placed) + ((updated ?? placed).Contains('T', StringComparison.Ordinal) ? string.Empty : "T10:00:00Z"), System.Globalization.CultureInfo.InvariantCulture),
        Currency = "EUR",
        Total = total,
        RefundedAmount = refunded,
        Customer = new OrderCustomer { Email = Email, FirstName = firstName, AcceptsMarketing = acceptsMarketing, TimeZone = timeZone, CountryCode = country },
        Lines = [.. lines.Select(line => new OrderLine { ProductId = line.ProductId, Title = line.ProductId, Quantity = line.Quantity, Categories = [line.Category], UnitPrice = 10m })],
    };
}
