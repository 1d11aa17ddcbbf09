namespace EcCrm.Core.Segments;

/// <summary>
/// Where the RFM score boundaries lie. Each array holds the lower bounds for scores 2, 3, 4 and 5
/// (recency: the upper bounds in days, since fewer days is better).
/// Defaults suit a shop whose customers re-order every one to three months.
/// </summary>
public sealed record RfmThresholds
{
    /// <summary>A last order at most this many days ago scores 5, 4, 3, 2; anything older scores 1.</summary>
    public IReadOnlyList<int> RecencyDays { get; init; } = [30, 60, 120, 240];

    /// <summary>At least this many orders score 2, 3, 4, 5; one order scores 1.</summary>
    public IReadOnlyList<int> FrequencyOrders { get; init; } = [2, 3, 5, 8];

    /// <summary>At least this much net revenue (shop currency) scores 2, 3, 4, 5.</summary>
    public IReadOnlyList<decimal> MonetaryRevenue { get; init; } = [50m, 150m, 400m, 1000m];

    public static RfmThresholds Default { get; } = new();
}
