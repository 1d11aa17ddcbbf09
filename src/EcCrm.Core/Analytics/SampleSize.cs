namespace EcCrm.Core.Analytics;

/// <summary>
/// How many entries a journey needs for its holdout to show an uplift of <see cref="Uplift"/> (absolute, a share such as
/// 0.02 for two points) over a baseline conversion rate of <see cref="BaselineRate"/>, with <see cref="HoldoutShare"/> of
/// the entries held out: <see cref="HoldoutEntries"/> in the holdout, <see cref="TotalEntries"/> in all.
/// </summary>
public sealed record SampleSize(
    double BaselineRate,
    double Uplift,
    double HoldoutShare,
    double Confidence,
    double Power,
    int HoldoutEntries,
    int TotalEntries);
