using System.Globalization;
using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Http;

namespace EcCrm.Server.Dashboard;

/// <summary>
/// The selected journey: who entered and who is still open, the funnel in journey order with why sends were blocked or
/// deferred, treatment against holdout with every interval (or why there is none), every node in journey order, and
/// the journey's enrollments by status.
/// </summary>
internal static class DashboardJourney
{
    private const string Send = "send";

    public static void Render(Html html, DashboardModel model, JourneyReport report)
    {
        Summary(html, model, report);
        Funnel(html, report);
        Uplift(html, report);
        Nodes(html, report);
        if (model.Enrollments is { } enrollments)
        {
            Enrollments(html, enrollments);
        }
    }

    private static void Summary(Html html, DashboardModel model, JourneyReport report)
    {
        var name = model.Journeys.FirstOrDefault(j => j.Definition.Id == report.JourneyId)?.Definition.Name ?? report.JourneyId;
        var f = report.Funnel;
        html.Raw("<section><h2>").Text(name).Raw(" <span class=\"muted\">").Text(report.JourneyId).Raw("</span></h2><p>")
            .Raw("<strong data-testid=\"summary-entered\">").Raw(ReportText.Number(f.Entered)).Raw("</strong> entered, <strong data-testid=\"summary-held-out\">")
            .Raw(ReportText.Number(f.HeldOut)).Raw("</strong> held out. ").Raw("<span data-testid=\"progress\">").Text(ReportText.Progress(report)).Raw("</span> ")
            .Raw("<span class=\"muted\" data-testid=\"currency\">").Text(ReportText.AmountsIn(report.Currency)).Raw("</span></p>");
        if (ReportText.Recovery(report) is { } recovery)
        {
            html.Raw("<p data-testid=\"recovery\">").Text(recovery).Raw("</p>");
        }

        html.Raw("</section>");
    }

    private static void Funnel(Html html, JourneyReport report)
    {
        var f = report.Funnel;
        var sends = report.Nodes.Where(node => node.Type == Send || (node.Type is null && node.Sent > 0)).ToList();
        var goal = report.GoalDays is { } days ? $"Converted (goal order within {days} days)" : "Converted (goal order)";
        (string Label, int Value)[] bars = [("Entered (treatment)", f.Entered), .. sends.Select(send => ($"{send.NodeId} sent · {send.Template}", send.Sent)), (goal, f.Converted)];
        var max = Math.Max(1, bars.Max(bar => bar.Value));
        const int barWidth = 380;
        html.Raw("<section><h2>Funnel, in journey order</h2>")
            .Raw($"<svg class=\"funnel\" viewBox=\"0 0 720 {(bars.Length * 30) + 10}\" role=\"img\" aria-label=\"Funnel in journey order\">");
        for (var i = 0; i < bars.Length; i++)
        {
            var (label, value) = bars[i];
            var y = 5 + (i * 30);
            var width = Math.Max(1, (int)Math.Round((double)value / max * barWidth));
            html.Raw($"<text x=\"0\" y=\"{y + 17}\">").Text(label).Raw("</text>")
                .Raw($"<rect x=\"260\" y=\"{y}\" width=\"{width}\" height=\"22\" rx=\"3\"></rect>")
                .Raw($"<text x=\"{268 + width}\" y=\"{y + 17}\">{ReportText.Number(value)}</text>");
        }

        html.Raw("</svg><table><thead><tr><th>Step</th><th>Template</th><th>Customers</th><th>Sent</th><th>Delivered</th><th>Opened</th><th>Clicked</th><th>Blocked (why)</th><th>Deferred (why)</th></tr></thead><tbody>")
            .Raw($"<tr data-testid=\"funnel-step\"><td>Entered</td><td></td><td data-testid=\"funnel-entered\">{ReportText.Number(f.Entered)}</td><td colspan=\"6\"></td></tr>");
        foreach (var send in sends)
        {
            var id = Html.Encode(send.NodeId);
            html.Raw($"<tr data-testid=\"funnel-step\" data-node=\"{id}\"><td>").Text(send.NodeId).Raw("</td><td>").Text(send.Template)
                .Raw($"</td><td>{ReportText.Number(send.Reached)}</td><td data-testid=\"step-sent-{id}\">{ReportText.Number(send.Sent)}</td><td>{ReportText.Number(send.Delivered)}</td>")
                .Raw($"<td>{ReportText.Number(send.Opened)}</td><td>{ReportText.Number(send.Clicked)}</td>")
                .Raw($"<td data-testid=\"step-blocked-{id}\">").Text(Why(send.Blocked, send.BlockedBy)).Raw($"</td><td data-testid=\"step-deferred-{id}\">").Text(Why(send.Deferred, send.DeferredBy)).Raw("</td></tr>");
        }

        html.Raw("<tr data-testid=\"funnel-step\"><td>").Text(goal).Raw($"</td><td></td><td data-testid=\"funnel-converted\">{ReportText.Number(f.Converted)}</td><td colspan=\"6\"></td></tr></tbody></table>")
            .Raw("<p>E-mails in all: reached <strong data-testid=\"funnel-reached\">").Raw(ReportText.Number(f.Reached))
            .Raw("</strong> customers; sent <strong data-testid=\"funnel-sent\">").Raw(ReportText.Number(f.Sent))
            .Raw("</strong>, delivered <strong data-testid=\"funnel-delivered\">").Raw(ReportText.Number(f.Delivered))
            .Raw("</strong>, opened <strong data-testid=\"funnel-opened\">").Raw(ReportText.Number(f.Opened))
            .Raw("</strong>, clicked <strong data-testid=\"funnel-clicked\">").Raw(ReportText.Number(f.Clicked)).Raw("</strong>.</p>")
            .Raw("<p class=\"muted\">").Text("A conversion is a goal order within the goal window of entering, whether or not the customer opened or clicked anything: it is not a step after Clicked, and can be the larger number.").Raw("</p>")
            .Raw("<p>Held out: <strong data-testid=\"funnel-held-out\">").Raw(ReportText.Number(f.HeldOut))
            .Raw("</strong>, of whom converted: <strong data-testid=\"funnel-holdout-converted\">").Raw(ReportText.Number(f.HoldoutConverted))
            .Raw("</strong>. Goal revenue: <strong data-testid=\"funnel-revenue\">").Text(ReportText.Money(f.Revenue, report.Currency))
            .Raw("</strong> (holdout <span data-testid=\"funnel-holdout-revenue\">").Text(ReportText.Money(f.HoldoutRevenue, report.Currency)).Raw("</span>).</p></section>");
    }

    private static void Uplift(Html html, JourneyReport report)
    {
        html.Raw("<section><h2>Uplift against the holdout</h2>");
        if (!report.HasHoldout)
        {
            html.Raw("<p class=\"warning\" data-testid=\"no-holdout\">").Text(ReportText.NoHoldout).Raw("</p><p>Converted <strong data-testid=\"conversion-treatment\">")
                .Raw(ReportText.Percent(report.Conversion.TreatmentRate)).Raw("</strong> of those who entered; goal revenue ").Text(ReportText.Money(report.Funnel.Revenue, report.Currency)).Raw(".</p></section>");
            return;
        }

        var (c, r, currency) = (report.Conversion, report.Revenue, report.Currency);
        var confidence = (int)Math.Round(c.Confidence * 100);
        html.Raw($"<table class=\"figures\"><thead><tr><th>Figure</th><th>Treatment</th><th>Holdout</th><th>Difference</th><th>{confidence}% interval</th></tr></thead><tbody>")
            .Raw("<tr><th>").Text(ReportText.ConversionName(report)).Raw(" rate</th><td data-testid=\"conversion-treatment\">").Raw(ReportText.Percent(c.TreatmentRate))
            .Raw("</td><td data-testid=\"conversion-holdout\">").Raw(ReportText.Percent(c.HoldoutRate))
            .Raw("</td><td data-testid=\"uplift-absolute\">").Raw(ReportText.Points(c.AbsoluteUplift)).Raw("</td><td data-testid=\"uplift-interval\">");
        if (c.TreatmentSize == 0 || c.HoldoutSize == 0)
        {
            html.Text(ReportText.UpliftInterval(c));
        }
        else
        {
            html.Raw("<span data-testid=\"uplift-low\">").Raw(ReportText.Points(c.AbsoluteUpliftInterval.Low)).Raw("</span> to <span data-testid=\"uplift-high\">").Raw(ReportText.Points(c.AbsoluteUpliftInterval.High)).Raw("</span>");
        }

        html.Raw("</td></tr><tr><th>Relative uplift</th><td></td><td></td><td data-testid=\"uplift-relative\">").Raw(c.RelativeUplift is { } relative ? ReportText.Percent(relative) : "-")
            .Raw("</td><td data-testid=\"uplift-relative-interval\">").Text(c.RelativeUpliftInterval is { } ri ? ReportText.PercentInterval(ri) : "no conversions in a group yet").Raw("</td></tr>");
        if (report.FinishedConversion is { } d)
        {
            html.Raw("<tr><th>").Text(ReportText.ConversionName(report)).Raw(" rate, goal window over</th><td>").Raw(ReportText.Percent(d.TreatmentRate)).Raw("</td><td>").Raw(ReportText.Percent(d.HoldoutRate))
                .Raw("</td><td>").Raw(ReportText.Points(d.AbsoluteUplift)).Raw("</td><td data-testid=\"finished-uplift-interval\">").Text(ReportText.UpliftInterval(d)).Raw("</td></tr>");
        }

        html.Raw("<tr><th>Revenue per customer</th><td>").Text(ReportText.Money(r.TreatmentPerCustomer, currency)).Raw("</td><td>").Text(ReportText.Money(r.HoldoutPerCustomer, currency))
            .Raw("</td><td data-testid=\"revenue-per-customer\">").Text(ReportText.Money(r.DifferencePerCustomer, currency))
            .Raw("</td><td data-testid=\"revenue-per-customer-interval\">").Text(ReportText.MoneyInterval(r.DifferenceInterval, currency)).Raw("</td></tr>")
            .Raw("<tr><th>Incremental ").Text(ReportText.RevenueName(report)).Raw("</th><td></td><td></td><td data-testid=\"incremental-revenue\">").Text(ReportText.Money(r.IncrementalRevenue, currency))
            .Raw("</td><td data-testid=\"incremental-revenue-interval\">").Text(ReportText.MoneyInterval(r.IncrementalRevenueInterval, currency)).Raw("</td></tr>");
        if (r.CouponCost is { } cost)
        {
            html.Raw("<tr><th>Incremental revenue net of coupons (coupon cost <span data-testid=\"coupon-cost\">").Text(ReportText.Money(cost, currency))
                .Raw("</span>)</th><td></td><td></td><td data-testid=\"incremental-revenue-net\">").Text(ReportText.Money(r.IncrementalRevenueNetOfCoupons!.Value, currency))
                .Raw("</td><td data-testid=\"incremental-revenue-net-interval\">").Text(ReportText.MoneyInterval(r.IncrementalRevenueNetOfCouponsInterval, currency)).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
        IntervalChart(html, c);
        html.Raw("<p data-testid=\"uplift-verdict\" class=\"").Raw(c.IsSignificant ? "good" : "muted").Raw("\">").Text(ReportText.Verdict(report)).Raw("</p></section>");
    }

    private static void IntervalChart(Html html, ProportionComparison c)
    {
        if (c.TreatmentSize == 0 || c.HoldoutSize == 0)
        {
            return;
        }

        var low = Math.Min(0, c.AbsoluteUpliftInterval.Low);
        var high = Math.Max(0, c.AbsoluteUpliftInterval.High);
        var span = high - low is > 0 and var s ? s : 1;
        double X(double value) => double.IsFinite(value) ? 20 + ((value - low) / span * 560) : 20;
        html.Raw("<svg class=\"interval\" viewBox=\"0 0 600 60\" role=\"img\" aria-label=\"Absolute uplift with its interval\">")
            .Raw($"<line class=\"zero\" x1=\"{Html.Invariant(X(0))}\" y1=\"5\" x2=\"{Html.Invariant(X(0))}\" y2=\"45\"></line>")
            .Raw($"<line class=\"ci\" x1=\"{Html.Invariant(X(c.AbsoluteUpliftInterval.Low))}\" y1=\"25\" x2=\"{Html.Invariant(X(c.AbsoluteUpliftInterval.High))}\" y2=\"25\"></line>")
            .Raw($"<circle cx=\"{Html.Invariant(X(c.AbsoluteUplift))}\" cy=\"25\" r=\"6\"></circle>")
            .Raw($"<text x=\"{Html.Invariant(X(0))}\" y=\"58\" text-anchor=\"middle\">no change</text></svg>");
    }

    private static void Nodes(Html html, JourneyReport report)
    {
        html.Raw("<section><h2>Per node, in journey order</h2><table><thead><tr><th>Node</th><th>Type</th><th>Template</th><th>Reached</th><th>Sent</th><th>Delivered</th><th>Opened</th><th>Clicked</th><th>Deferred</th><th>Blocked</th><th>Branches</th><th>Actions</th><th>Exited here</th></tr></thead><tbody>");
        foreach (var n in report.Nodes)
        {
            html.Raw($"<tr data-testid=\"node-row\" data-node=\"{Html.Encode(n.NodeId)}\"><td>").Text(n.NodeId).Raw("</td><td>").Text(n.Type ?? "older version").Raw("</td><td>").Text(n.Template)
                .Raw($"</td><td>{ReportText.Number(n.Reached)}</td><td>{ReportText.Number(n.Sent)}</td><td>{ReportText.Number(n.Delivered)}</td><td>{ReportText.Number(n.Opened)}</td><td>{ReportText.Number(n.Clicked)}</td>")
                .Raw($"<td>{ReportText.Number(n.Deferred)}</td><td>{ReportText.Number(n.Blocked)}</td><td>{ReportText.Number(n.Branches)}</td><td>{ReportText.Number(n.Actions)}</td><td>{ReportText.Number(n.ExitedHere)}</td></tr>");
        }

        html.Raw("</tbody></table>");
        if (report.ExitReasons.Count > 0)
        {
            html.Raw("<p>Exits: ").Text(ReportText.Reasons(report.ExitReasons.OrderByDescending(pair => pair.Value).ToDictionary())).Raw(".</p>");
        }

        html.Raw("</section>");
    }

    private static void Enrollments(Html html, JourneyEnrollmentList list)
    {
        var journey = Uri.EscapeDataString(list.JourneyId);
        html.Raw("<section id=\"enrollments\"><h2>Enrollments</h2><p class=\"filters\">")
            .Raw($"<a href=\"/?journey={journey}#enrollments\" data-testid=\"status-filter-All\"").Raw(list.Status is null ? " class=\"selected\"" : string.Empty).Raw($">All ({ReportText.Number(list.Total)})</a>");
        foreach (var (status, count) in list.ByStatus)
        {
            html.Raw($" · <a href=\"/?journey={journey}&amp;status={status}#enrollments\" data-testid=\"status-filter-{status}\"").Raw(list.Status == status ? " class=\"selected\"" : string.Empty)
                .Raw($">{status} ({ReportText.Number(count)})</a>");
        }

        var shown = list.Status is { } filter ? list.ByStatus.GetValueOrDefault(filter) : list.Total;
        html.Raw("</p><p class=\"muted\">").Text($"The newest {ReportText.Number(list.Enrollments.Count)} of {ReportText.Number(shown)}; GET /api/journeys/{list.JourneyId}/enrollments?status= lists up to 1,000. Times are UTC.").Raw("</p>");
        if (list.Enrollments.Count == 0)
        {
            html.Raw("<p class=\"muted\" data-testid=\"no-enrollments\">No enrollments here yet.</p></section>");
            return;
        }

        html.Raw("<table><thead><tr><th>Enrollment</th><th>Version</th><th>Group</th><th>Status</th><th>Node</th><th>Next wake-up</th><th>Entered</th><th>Ended</th><th>How it ended</th></tr></thead><tbody>");
        foreach (var e in list.Enrollments)
        {
            html.Raw($"<tr data-testid=\"enrollment-row\" data-status=\"{e.Status}\"><td class=\"id\">").Text(e.EnrollmentId).Raw($"</td><td>{e.Version.ToString(CultureInfo.InvariantCulture)}</td><td>{e.Group}</td><td>{e.Status}</td><td>")
                .Text(e.CurrentNode).Raw("</td><td>").Text(Time(e.NextWakeAt)).Raw("</td><td>").Text(Time(e.EnteredAt)).Raw("</td><td>").Text(Time(e.EndedAt)).Raw("</td><td>")
                .Text(e.ConvertedOrderId is { } order ? $"converted (order {order})" : e.ExitReason?.ToString() ?? (e.Status == EnrollmentStatus.Completed ? "completed" : string.Empty)).Raw("</td></tr>");
        }

        html.Raw("</tbody></table></section>");
    }

    private static string Why(int count, IReadOnlyDictionary<string, int> reasons) =>
        count == 0 ? "0" : $"{ReportText.Number(count)}: {ReportText.Reasons(reasons)}";

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty;
}
