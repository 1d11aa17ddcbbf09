using System.Globalization;
using System.Text;

namespace EcCrm.Core.Analytics;

/// <summary>Reports as CSV (RFC 4180), for spreadsheets.</summary>
public static class ReportCsv
{
    public static string Journey(JourneyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, "journey", "version", "entered", "held_out", "reached", "sent", "delivered", "opened", "clicked", "converted", "holdout_converted", "revenue", "holdout_revenue",
            "conversion_rate", "holdout_conversion_rate", "uplift", "uplift_low", "uplift_high", "incremental_revenue", "note");
        foreach (var line in new[] { report }.Concat(report.Versions))
        {
            var f = line.Funnel;
            var c = line.Conversion;
            Row(csv, line.JourneyId, line.Version?.ToString(CultureInfo.InvariantCulture) ?? "all", f.Entered, f.HeldOut, f.Reached, f.Sent, f.Delivered, f.Opened, f.Clicked,
                f.Converted, f.HoldoutConverted, f.Revenue, f.HoldoutRevenue, c.TreatmentRate, c.HoldoutRate, c.AbsoluteUplift, c.AbsoluteUpliftInterval.Low, c.AbsoluteUpliftInterval.High,
                line.Revenue.IncrementalRevenue, c.Note);
        }

        csv.AppendLine();
        Row(csv, "node", "sent", "delivered", "opened", "clicked", "deferred", "blocked", "branches", "actions", "exited_here");
        foreach (var node in report.Nodes)
        {
            Row(csv, node.NodeId, node.Sent, node.Delivered, node.Opened, node.Clicked, node.Deferred, node.Blocked, node.Branches, node.Actions, node.ExitedHere);
        }

        return csv.ToString();
    }

    public static string Customers(CustomerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, "customers", "repeat_customers", "repeat_purchase_rate");
        Row(csv, report.Customers, report.RepeatCustomers, report.RepeatPurchaseRate);
        csv.AppendLine();
        Row(csv, ["cohort", "customers", .. Enumerable.Range(0, 12).Select(month => $"month_{month}")]);
        foreach (var cohort in report.Cohorts)
        {
            Row(csv, [cohort.Cohort, cohort.Customers, .. cohort.Retention.Cast<object?>()]);
        }

        csv.AppendLine();
        Row(csv, "segment", "customers_now", "customers_before");
        foreach (var segment in report.Segments.Keys.Union(report.SegmentsBefore.Keys).Order())
        {
            Row(csv, segment, report.Segments.GetValueOrDefault(segment), report.SegmentsBefore.GetValueOrDefault(segment));
        }

        return csv.ToString();
    }

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
            double d => d.ToString("0.######", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
