namespace EcCrm.Core.Tracking;

/// <summary>A product an event is about: viewed, added to the cart, or a line of a checkout.</summary>
public sealed record TrackedLine
{
    public required string ProductId { get; init; }

    public string? VariantId { get; init; }

    public string? Title { get; init; }

    public int Quantity { get; init; } = 1;

    /// <summary>The price of one, in the event's currency.</summary>
    public decimal? UnitPrice { get; init; }

    public Uri? Url { get; init; }

    public Uri? ImageUrl { get; init; }
}
