namespace EcCrm.Core.Orders;

/// <summary>One product line of an order. Prices are in the shop currency.</summary>
public sealed record OrderLine
{
    public required string ProductId { get; init; }

    public string? VariantId { get; init; }

    public string? Sku { get; init; }

    public required string Title { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public int Quantity { get; init; } = 1;

    public decimal UnitPrice { get; init; }
}
