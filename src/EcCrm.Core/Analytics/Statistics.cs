namespace EcCrm.Core.Analytics;

/// <summary>
/// The statistics behind "did the journey work": comparisons of treatment and holdout with confidence intervals.
/// Formulas are the textbook ones (Wald interval and test, Katz log, Welch; the pooled z-test for sample sizes) so every figure can be checked by hand.
/// </summary>
public static class Statistics
{
    /// <summary>Each group needs at least this many successes and failures for the normal approximation.</summary>
    public const int MinimumCellCount = 5;

    public static ProportionComparison CompareProportions(int treatmentSize, int treatmentSuccesses, int holdoutSize, int holdoutSuccesses, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treatmentSize);
        ArgumentOutOfRangeException.ThrowIfNegative(holdoutSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treatmentSuccesses, treatmentSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(holdoutSuccesses, holdoutSize);

        var z = NormalQuantile(1 - ((1 - confidence) / 2));
        var pt = treatmentSize == 0 ? 0 : (double)treatmentSuccesses / treatmentSize;
        var ph = holdoutSize == 0 ? 0 : (double)holdoutSuccesses / holdoutSize;
        var diff = pt - ph;

        var note = Smallest(treatmentSize, treatmentSuccesses, holdoutSize, holdoutSuccesses) < MinimumCellCount
            ? $"Too few customers to say anything yet: each group needs at least {MinimumCellCount} who converted and {MinimumCellCount} who did not (treatment {treatmentSuccesses} of {treatmentSize}, holdout {holdoutSuccesses} of {holdoutSize})."
            : null;

        // An empty group says nothing: the difference of two rates could be anything from -100% to +100%.
        var absolute = treatmentSize == 0 || holdoutSize == 0
            ? new Interval(-1, 1)
            : WaldInterval(diff, z, Math.Sqrt((pt * (1 - pt) / treatmentSize) + (ph * (1 - ph) / holdoutSize)));

        double? relative = null;
        Interval? relativeInterval = null;
        if (ph > 0 && pt > 0)
        {
            relative = (pt / ph) - 1;
            var logSe = Math.Sqrt(((1 - pt) / treatmentSuccesses) + ((1 - ph) / holdoutSuccesses));
            var logRatio = Math.Log(pt / ph);
            relativeInterval = new Interval(Math.Exp(logRatio - (z * logSe)) - 1, Math.Exp(logRatio + (z * logSe)) - 1);
        }

        // The Wald test, with the interval's own standard error: p < 1 − confidence exactly when the interval excludes
        // zero, so the verdict and the interval on one screen never disagree (the pooled test does when the groups'
        // sizes differ, as a 10% holdout's do).
        double? pValue = null;
        if (treatmentSize > 0 && holdoutSize > 0)
        {
            var se = Math.Sqrt((pt * (1 - pt) / treatmentSize) + (ph * (1 - ph) / holdoutSize));
            pValue = se == 0 ? (diff == 0 ? 1 : 0) : 2 * (1 - NormalCdf(Math.Abs(diff) / se));
        }

        return new ProportionComparison(treatmentSize, treatmentSuccesses, holdoutSize, holdoutSuccesses, pt, ph, diff, absolute, relative, relativeInterval, pValue, confidence, note);
    }

    /// <summary>
    /// Difference of two means (e.g. revenue per enrolled customer, zeros included) with a Welch interval.
    /// <c>null</c> interval when a group has fewer than two values.
    /// </summary>
    public static (double Difference, Interval? Interval) CompareMeans(IReadOnlyCollection<double> treatment, IReadOnlyCollection<double> holdout, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(holdout);
        var (mt, vt) = MeanAndVariance(treatment);
        var (mh, vh) = MeanAndVariance(holdout);
        var difference = mt - mh;
        if (treatment.Count < 2 || holdout.Count < 2)
        {
            return (difference, null);
        }

        var se = Math.Sqrt((vt / treatment.Count) + (vh / holdout.Count));
        var z = NormalQuantile(1 - ((1 - confidence) / 2));
        return (difference, new Interval(difference - (z * se), difference + (z * se)));
    }

    /// <summary>Sample mean and (n − 1) variance.</summary>
    public static (double Mean, double Variance) MeanAndVariance(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var mean = values.Average();
        var variance = values.Count < 2 ? 0 : values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1);
        return (mean, variance);
    }

    /// <summary>
    /// The entries a journey needs for a two-sided two-proportion z-test (planned with the pooled variance under no
    /// change, as is usual; <see cref="CompareProportions"/> then judges with the Wald test) to find an uplift of <paramref name="uplift"/> over <paramref name="baselineRate"/> with the given confidence
    /// and power, when <paramref name="holdoutShare"/> of the entries are held out (the textbook formula for unequal groups,
    /// as in Fleiss, Levin and Paik, without continuity correction). <c>null</c> when the rates make no sense (the treatment's
    /// rate would pass 100%, or the baseline is 0% or 100%).
    /// </summary>
    public static SampleSize? SampleSizeForUplift(double baselineRate, double uplift, double holdoutShare, double confidence = 0.95, double power = 0.8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(uplift);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(holdoutShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(holdoutShare, 1);
        var treatmentRate = baselineRate + uplift;
        if (baselineRate <= 0 || baselineRate >= 1 || treatmentRate >= 1)
        {
            return null;
        }

        var ratio = (1 - holdoutShare) / holdoutShare; // treatment entries per holdout entry
        var pooled = (baselineRate + (ratio * treatmentRate)) / (1 + ratio);
        var alpha = NormalQuantile(1 - ((1 - confidence) / 2)) * Math.Sqrt(pooled * (1 - pooled) * (1 + (1 / ratio)));
        var beta = NormalQuantile(power) * Math.Sqrt((baselineRate * (1 - baselineRate)) + (treatmentRate * (1 - treatmentRate) / ratio));
        var holdout = Math.Pow(alpha + beta, 2) / (uplift * uplift);
        return new SampleSize(baselineRate, uplift, holdoutShare, confidence, power, (int)Math.Ceiling(holdout), (int)Math.Ceiling(holdout / holdoutShare));
    }

    private static Interval WaldInterval(double difference, double z, double se) =>
        new(Math.Max(-1, difference - (z * se)), Math.Min(1, difference + (z * se)));

    /// <summary>Standard normal cumulative distribution (Abramowitz and Stegun 7.1.26 on erf, error below 1.5e-7).</summary>
    public static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low || p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < low ? p : 1 - p));
            var tail = Horner(c, q) / ((Horner(d, q) * q) + 1);
            return p < low ? tail : -tail;
        }

        var r = p - 0.5;
        var s = r * r;
        return Horner(a, s) * r / ((Horner(b, s) * s) + 1);
    }

    /// <summary>c[0]·xⁿ + c[1]·xⁿ⁻¹ + … + c[n].</summary>
    private static double Horner(double[] coefficients, double x) => coefficients.Aggregate(0d, (sum, coefficient) => (sum * x) + coefficient);

    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - (Horner([1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592], t) * t * Math.Exp(-x * x));
        return sign * y;
    }

    private static int Smallest(int treatmentSize, int treatmentSuccesses, int holdoutSize, int holdoutSuccesses) =>
        new[] { treatmentSuccesses, treatmentSize - treatmentSuccesses, holdoutSuccesses, holdoutSize - holdoutSuccesses }.Min();
}
