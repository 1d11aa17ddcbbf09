namespace EcCrm.Core.Analytics;

/// <summary>
/// Treatment against holdout for a yes/no outcome (converted or not): the two rates, the absolute uplift with a
/// Wald confidence interval and the Wald z-test with the same standard error (so the two agree), and the relative
/// uplift with a Katz log interval.
/// <see cref="Note"/> says when the sample is too small for the normal approximation to mean anything.
/// </summary>
public sealed record ProportionComparison(
    int TreatmentSize,
    int TreatmentSuccesses,
    int HoldoutSize,
    int HoldoutSuccesses,
    double TreatmentRate,
    double HoldoutRate,
    double AbsoluteUplift,
    Interval AbsoluteUpliftInterval,
    double? RelativeUplift,
    Interval? RelativeUpliftInterval,
    double? PValue,
    double Confidence,
    string? Note)
{
    /// <summary>The interval excludes zero: at this confidence, the journey changed the rate.</summary>
    public bool IsSignificant => Note is null && (AbsoluteUpliftInterval.Low > 0 || AbsoluteUpliftInterval.High < 0);
}
