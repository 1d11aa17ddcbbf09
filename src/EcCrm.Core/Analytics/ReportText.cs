using System.Globalization;

namespace EcCrm.Core.Analytics;

/// <summary>
/// How the dashboard and <c>eccrm report</c> write a report's figures (in English): amounts with their currency,
/// rates and their intervals, reasons with their counts, and the sentences that say what a figure leaves out.
/// </summary>
public static class ReportText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double value) => double.IsFinite(value) ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "-";

    /// <summary>Percentage points, signed: +8.0 pts.</summary>
    public static string Points(double value) => double.IsFinite(value) ? (value * 100).ToString("+0.0' pts';-0.0' pts';0.0' pts'", CultureInfo.InvariantCulture) : "-";

    /// <summary>An amount in the report's currency (¥12,800, €72.00), or a plain number when the currency is not set.</summary>
    public static string Money(decimal value, string? currency) => Messaging.Localization.Money.Format(currency is null ? Math.Round(value) : value, currency, English);

    public static string PercentInterval(Interval interval) => $"{Percent(interval.Low)} to {Percent(interval.High)}";

    public static string PointsInterval(Interval interval) => $"{Points(interval.Low)} to {Points(interval.High)}";

    /// <summary>The interval of a conversion uplift, or why there is none yet (a group with no one in it).</summary>
    public static string UpliftInterval(ProportionComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.TreatmentSize == 0 || comparison.HoldoutSize == 0 ? "no one in a group yet" : PointsInterval(comparison.AbsoluteUpliftInterval);
    }

    public static string MoneyInterval(Interval? interval, string? currency) =>
        interval is { } i ? $"{Money(Math.Round((decimal)i.Low, 2), currency)} to {Money(Math.Round((decimal)i.High, 2), currency)}" : "not enough customers yet";

    /// <summary>"no marketing consent 60, suppressed 30", or empty.</summary>
    public static string Reasons(IReadOnlyDictionary<string, int> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return string.Join(", ", reasons.Select(pair => $"{pair.Key} {Number(pair.Value)}"));
    }

    /// <summary>What the report's amounts are in.</summary>
    public static string AmountsIn(string? currency) =>
        currency is null ? "Amounts are in the shop's currency (set Shop__Currency to name it)." : $"Amounts are in {currency}.";

    public const string NoHoldout =
        "This journey has no holdout: no one is held out, so there is nothing to compare with and its effect cannot be measured. Add \"holdout\" to its entry rules to measure it.";

    /// <summary>Open and finished enrollments, in a sentence.</summary>
    public static string Progress(JourneyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Progress;
        return report.GoalDays is { } days
            ? $"{Number(p.TreatmentFinished + p.HoldoutFinished)} enrollments have finished their {days}-day goal window; {Number(p.TreatmentOpen + p.HoldoutOpen)} are still inside it "
                + $"(treatment {Number(p.TreatmentOpen)}, holdout {Number(p.HoldoutOpen)}) and may still convert."
            : $"{Number(p.TreatmentFinished + p.HoldoutFinished)} enrollments have ended; {Number(p.TreatmentOpen + p.HoldoutOpen)} are still in the journey "
                + $"(treatment {Number(p.TreatmentOpen)}, holdout {Number(p.HoldoutOpen)}).";
    }

    /// <summary>
    /// For a journey entered on a shop event, what its entrants left behind and what came back, per group, in a sentence
    /// ("Abandoned checkouts: 120 entered, ¥1,234,000 left behind; 30 recovered (25.0%) …"); <c>null</c> for other journeys.
    /// </summary>
    public static string? Recovery(JourneyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Recovery is not { } r)
        {
            return null;
        }

        var (f, c, currency) = (report.Funnel, report.Conversion, report.Currency);
        var noun = string.Concat(r.Noun[..1].ToUpperInvariant(), r.Noun[1..]);
        var text = $"{noun}: {Number(f.Entered)} entered, {Money(r.LeftBehind, currency)} left behind; {Number(f.Converted)} recovered ({Percent(c.TreatmentRate)}), "
            + $"bringing back {Money(r.Recovered, currency)}{Share(r.RecoveredShare)}.";
        return report.HasHoldout
            ? text + $" Held out: {Number(f.HeldOut)}, {Money(r.HoldoutLeftBehind, currency)} left behind; {Number(f.HoldoutConverted)} came back without the journey ({Percent(c.HoldoutRate)}), "
                + $"bringing back {Money(r.HoldoutRecovered, currency)}{Share(r.HoldoutRecoveredShare)}."
            : text;

        static string Share(double? share) => share is { } s ? $" ({Percent(s)} of what was left behind)" : string.Empty;
    }

    /// <summary>What the report calls a conversion: a recovery for a journey entered on a shop event.</summary>
    public static string ConversionName(JourneyReport report) => report?.Recovery is null ? "Conversion" : "Recovery";

    /// <summary>What the report calls goal revenue: recovered revenue for a journey entered on a shop event.</summary>
    public static string RevenueName(JourneyReport report) => report?.Recovery is null ? "revenue" : "recovered revenue";

    /// <summary>The verdict on the conversion uplift.</summary>
    public static string Verdict(JourneyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Conversion;
        return !report.HasHoldout ? NoHoldout
            : c.Note ?? (c.IsSignificant
                ? $"The journey changed the conversion rate ({(int)Math.Round(c.Confidence * 100)}% confidence, p = {c.PValue?.ToString("0.000", CultureInfo.InvariantCulture)})."
                : $"Not significant yet (p = {c.PValue?.ToString("0.000", CultureInfo.InvariantCulture)}): the interval includes no change.");
    }
}
