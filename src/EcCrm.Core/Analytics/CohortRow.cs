namespace EcCrm.Core.Analytics;

/// <summary>
/// Customers whose first order fell in <see cref="Cohort"/> (yyyy-MM, shop time), and for each month since (0 = the
/// first month) the share of them who ordered in that month. Months not yet over are left out.
/// </summary>
public sealed record CohortRow(string Cohort, int Customers, IReadOnlyList<double> Retention);
