using EcCrm.Core.Orders;
using EcCrm.Core.Segments;

namespace EcCrm.Core.Profiles;

/// <summary>
/// Everything EcCrm knows about one customer. Order-derived facts (counts, revenue, dates, products) are a
/// projection of the customer's stored orders; <see cref="Tags"/> and <see cref="Attributes"/> are written by
/// journey actions and survive every re-projection.
/// </summary>
public sealed record CustomerProfile
{
    public required CustomerKey Key { get; init; }

    // Contact, as the most recent order reported it.
    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Phone { get; init; }

    public string? CountryCode { get; init; }

    public string? City { get; init; }

    public string? Locale { get; init; }

    /// <summary>IANA time zone id; see <see cref="TimeZoneSource"/> for how it is known.</summary>
    public string? TimeZone { get; init; }

    public TimeZoneSource TimeZoneSource { get; init; } = TimeZoneSource.Unknown;

    /// <summary>Marketing consent as the shop last reported it; <c>null</c> when no order said.</summary>
    public bool? AcceptsMarketing { get; init; }

    /// <summary>When the order that last reported consent was placed or updated.</summary>
    public DateTimeOffset? ConsentReportedAt { get; init; }

    // Buying behaviour: only orders that count as purchases.
    public int OrderCount { get; init; }

    /// <summary>Net revenue (after refunds) in <see cref="Currency"/>, the shop currency.</summary>
    public decimal Revenue { get; init; }

    public string? Currency { get; init; }

    public DateTimeOffset? FirstOrderAt { get; init; }

    public DateTimeOffset? LastOrderAt { get; init; }

    /// <summary>
    /// The latest purchase as e-mails show it (its first <see cref="ProfileProjection.MaxLastOrderLines"/> lines), kept
    /// by the projection so that a send reads it with the profile instead of querying the orders.
    /// </summary>
    public OrderRecord? LastOrder { get; init; }

    /// <summary>The customer's usual re-order interval: mean days between consecutive purchases (two or more orders).</summary>
    public double? AverageDaysBetweenOrders { get; init; }

    /// <summary>Most bought products first.</summary>
    public IReadOnlyList<ProductPurchase> Products { get; init; } = [];

    /// <summary>Categories of the products bought, most bought first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> DiscountCodesUsed { get; init; } = [];

    /// <summary>RFM segment as of <see cref="SegmentedAt"/>.</summary>
    public RfmSegment Segment { get; init; } = RfmSegment.None;

    public RfmScore? Rfm { get; init; }

    public DateTimeOffset? SegmentedAt { get; init; }

    // Written by journeys.
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Given and family name in the order of their script: 山田 花子, Hanako Yamada (<see cref="PersonNames"/>).</summary>
    public string? FullName => PersonNames.Full(FirstName, LastName);

    /// <summary>When the customer would usually order next: last order plus their usual interval.</summary>
    public DateTimeOffset? PredictedNextOrderAt =>
        LastOrderAt is { } last && AverageDaysBetweenOrders is { } days ? last.AddDays(days) : null;

    public static CustomerProfile Empty(CustomerKey key) => new() { Key = key };
}
