namespace EcCrm.Core.Analytics;

/// <summary>
/// Goal revenue per enrolled customer (zero for those who did not convert) in treatment and holdout, the difference
/// with a Welch interval, and the incremental revenue: that difference times the treatment group's size. Where the
/// journey's coupons give something off, also what the coupons redeemed on goal orders cost, and the incremental
/// revenue net of it.
/// </summary>
public sealed record RevenueComparison(
    decimal TreatmentPerCustomer,
    decimal HoldoutPerCustomer,
    decimal DifferencePerCustomer,
    Interval? DifferenceInterval,
    decimal IncrementalRevenue,
    Interval? IncrementalRevenueInterval)
{
    /// <summary>What the journey's coupons redeemed on treatment goal orders gave away; <c>null</c> when its coupons have no value.</summary>
    public decimal? CouponCost { get; init; }

    /// <summary><see cref="IncrementalRevenue"/> less <see cref="CouponCost"/>.</summary>
    public decimal? IncrementalRevenueNetOfCoupons { get; init; }

    /// <summary><see cref="IncrementalRevenueInterval"/> less <see cref="CouponCost"/> (the cost is counted, not estimated).</summary>
    public Interval? IncrementalRevenueNetOfCouponsInterval { get; init; }
}
