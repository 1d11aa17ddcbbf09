using System.Globalization;
using System.Text;

namespace EcCrm.Core.Analytics;

/// <summary>
/// Reports as CSV (RFC 4180), for spreadsheets: one table per file, each with one header row. A journey report has the
/// tables <c>summary</c> (one row for all versions, then one per version), <c>nodes</c>, <c>reasons</c> (why sends were
/// blocked or deferred) and <c>exits</c>; the customer report <c>summary</c>, <c>cohorts</c> and <c>segments</c>.
/// docs/reports.md defines every column.
/// </summary>
public static class ReportCsv
{
    public const string Summary = "summary";
    public const string NodesTable = "nodes";
    public const string Reasons = "reasons";
    public const string Exits = "exits";
    public const string Cohorts = "cohorts";
    public const string Segments = "segments";

    public static IReadOnlyList<string> JourneyTables { get; } = [Summary, NodesTable, Reasons, Exits];

    public static IReadOnlyList<string> CustomerTables { get; } = [Summary, Cohorts, Segments];

    /// <summary>One table of a journey report; <c>null</c> for a name that is not one of <see cref="JourneyTables"/>.</summary>
    public static string? Journey(JourneyReport report, string table)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        switch (table)
        {
            case Summary:
                Row(csv, "journey", "version", "currency", "entered", "held_out", "treatment_open", "treatment_finished", "holdout_open", "holdout_finished",
                    "reached", "sent", "delivered", "opened", "clicked", "converted", "holdout_converted", "revenue", "holdout_revenue",
                    "conversion_rate", "holdout_conversion_rate", "uplift", "uplift_low", "uplift_high", "relative_uplift", "relative_uplift_low", "relative_uplift_high", "p_value",
                    "finished_conversion_rate", "finished_holdout_conversion_rate", "finished_uplift", "finished_uplift_low", "finished_uplift_high",
                    "revenue_per_customer", "holdout_revenue_per_customer", "revenue_per_customer_difference", "revenue_per_customer_difference_low", "revenue_per_customer_difference_high",
                    "incremental_revenue", "incremental_revenue_low", "incremental_revenue_high", "coupon_cost", "incremental_revenue_net_of_coupons", "incremental_revenue_net_of_coupons_low", "incremental_revenue_net_of_coupons_high",
                    "has_holdout", "note", "entry_event", "left_behind", "holdout_left_behind");
                foreach (var line in new[] { report }.Concat(report.Versions))
                {
                    var (f, c, r, p, d) = (line.Funnel, line.Conversion, line.Revenue, line.Progress, line.FinishedConversion);
                    Row(csv, line.JourneyId, line.Version?.ToString(CultureInfo.InvariantCulture) ?? "all", report.Currency, f.Entered, f.HeldOut, p.TreatmentOpen, p.TreatmentFinished, p.HoldoutOpen, p.HoldoutFinished,
                        f.Reached, f.Sent, f.Delivered, f.Opened, f.Clicked, f.Converted, f.HoldoutConverted, f.Revenue, f.HoldoutRevenue,
                        c.TreatmentRate, c.HoldoutRate, c.AbsoluteUplift, c.AbsoluteUpliftInterval.Low, c.AbsoluteUpliftInterval.High, c.RelativeUplift, c.RelativeUpliftInterval?.Low, c.RelativeUpliftInterval?.High, c.PValue,
                        d?.TreatmentRate, d?.HoldoutRate, d?.AbsoluteUplift, d?.AbsoluteUpliftInterval.Low, d?.AbsoluteUpliftInterval.High,
                        r.TreatmentPerCustomer, r.HoldoutPerCustomer, r.DifferencePerCustomer, r.DifferenceInterval?.Low, r.DifferenceInterval?.High,
                        r.IncrementalRevenue, r.IncrementalRevenueInterval?.Low, r.IncrementalRevenueInterval?.High, r.CouponCost, r.IncrementalRevenueNetOfCoupons, r.IncrementalRevenueNetOfCouponsInterval?.Low, r.IncrementalRevenueNetOfCouponsInterval?.High,
                        line.HasHoldout, c.Note, line.Recovery?.Event, line.Recovery?.LeftBehind, line.Recovery?.HoldoutLeftBehind);
                }

                break;
            case NodesTable:
                Row(csv, "node", "type", "template", "reached", "sent", "delivered", "opened", "clicked", "deferred", "blocked", "branches", "actions", "exited_here");
                foreach (var node in report.Nodes)
                {
                    Row(csv, node.NodeId, node.Type, node.Template, node.Reached, node.Sent, node.Delivered, node.Opened, node.Clicked, node.Deferred, node.Blocked, node.Branches, node.Actions, node.ExitedHere);
                }

                break;
            case Reasons:
                Row(csv, "node", "template", "outcome", "reason", "count");
                foreach (var node in report.Nodes)
                {
                    foreach (var (reason, count) in node.BlockedBy)
                    {
                        Row(csv, node.NodeId, node.Template, "blocked", reason, count);
                    }

                    foreach (var (reason, count) in node.DeferredBy)
                    {
                        Row(csv, node.NodeId, node.Template, "deferred", reason, count);
                    }
                }

                break;
            case Exits:
                Row(csv, "reason", "enrollments");
                foreach (var (reason, count) in report.ExitReasons.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    Row(csv, reason, count);
                }

                break;
            default:
                return null;
        }

        return csv.ToString();
    }

    /// <summary>One table of the customer report; <c>null</c> for a name that is not one of <see cref="CustomerTables"/>.</summary>
    public static string? Customers(CustomerReport report, string table)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        switch (table)
        {
            case Summary:
                Row(csv, "customers", "repeat_customers", "repeat_purchase_rate", "as_of");
                Row(csv, report.Customers, report.RepeatCustomers, report.RepeatPurchaseRate, report.AsOf.ToString("O", CultureInfo.InvariantCulture));
                break;
            case Cohorts:
                var months = report.Cohorts.Count == 0 ? 0 : report.Cohorts.Max(cohort => cohort.Retention.Count);
                Row(csv, ["cohort", "customers", .. Enumerable.Range(0, months).Select(month => $"month_{month}")]);
                foreach (var cohort in report.Cohorts)
                {
                    Row(csv, [cohort.Cohort, cohort.Customers, .. Enumerable.Range(0, months).Select(month => month < cohort.Retention.Count ? (object?)cohort.Retention[month] : null)]);
                }

                break;
            case Segments:
                Row(csv, "segment", "customers_now", "customers_before");
                foreach (var segment in report.Segments.Keys.Union(report.SegmentsBefore.Keys).Order())
                {
                    Row(csv, segment, report.Segments.GetValueOrDefault(segment), report.SegmentsBefore.GetValueOrDefault(segment));
                }

                break;
            default:
                return null;
        }

        return csv.ToString();
    }

    /// <summary>
    /// Survey answers, one row per survey e-mail answered: when it was first and last answered, the journey and survey step,
    /// the answer (a score or a choice id), its NPS group, how often it was changed, and the comment. Customers appear by
    /// their key, not their address.
    /// </summary>
    public static string SurveyAnswers(IEnumerable<Surveys.SurveyAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var csv = new StringBuilder();
        Row(csv, "first_answered_at", "answered_at", "journey", "survey", "question", "answer", "score", "nps_group", "changes", "comment", "commented_at", "customer_key");
        foreach (var answer in answers)
        {
            Row(csv, Instant(answer.FirstAnsweredAt), Instant(answer.AnsweredAt), answer.JourneyId, answer.Survey, answer.Kind == Journeys.Definition.SurveyKind.Nps ? "nps" : "choice", answer.Answer,
                answer.Score, answer.Score is { } score ? Journeys.Definition.NpsGroups.Of(score).ToString().ToLowerInvariant() : null, answer.Changes, Inert(answer.Comment),
                answer.CommentedAt is { } commented ? Instant(commented) : null, answer.Customer.Value);
        }

        return csv.ToString();
    }

    /// <summary>
    /// A customer's own text, made inert for spreadsheets: one that starts like a formula (=, +, -, @, tab, carriage return)
    /// gets a leading apostrophe, so opening the file never runs what a customer wrote.
    /// </summary>
    private static string? Inert(string? text) => text is { Length: > 0 } && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, params object?[] values)
    {
        csv.AppendJoin(',', values.Select(Field));
        csv.Append("\r\n");
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            bool flag => flag ? "true" : "false",
            double d => d.ToString("0.######", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
