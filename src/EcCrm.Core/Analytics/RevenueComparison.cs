namespace EcCrm.Core.Analytics;

/// <summary>
/// Goal revenue per enrolled customer (zero for those who did not convert) in treatment and holdout, the difference
/// with a Welch interval, and the incremental revenue: that difference times the treatment group's size.
/// </summary>
public sealed record RevenueComparison(
    decimal TreatmentPerCustomer,
    decimal HoldoutPerCustomer,
    decimal DifferencePerCustomer,
    Interval? DifferenceInterval,
    decimal IncrementalRevenue,
    Interval? IncrementalRevenueInterval);
