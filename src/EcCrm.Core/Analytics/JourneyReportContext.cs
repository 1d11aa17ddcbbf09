using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Analytics;

/// <summary>
/// What a journey report needs besides the events: the journey as published now (its node order, holdout and goal), the
/// shop's currency, the time it is now (on the journeys' clock: which goal windows are over), and what the coupons that
/// converting customers redeemed cost, by enrollment.
/// </summary>
public sealed record JourneyReportContext(JourneyDefinition? Journey, string? Currency)
{
    /// <summary>Now, to tell enrollments whose goal window is over from those still inside it; without it, ended enrollments count as finished.</summary>
    public DateTimeOffset? Now { get; init; }

    public IReadOnlyDictionary<string, decimal> CouponCosts { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Whether any createCoupon action of the journey gives something off (percent or amount).</summary>
    public bool HasValuedCoupons => Journey?.Nodes.Any(node => node is ActionNode { Action: CreateCouponAction coupon } && (coupon.PercentOff > 0 || coupon.AmountOff > 0)) == true;
}
