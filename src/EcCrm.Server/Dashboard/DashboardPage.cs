using EcCrm.Http;
using EcCrm.Core.Analytics;
using EcCrm.Core.Segments;

namespace EcCrm.Server.Dashboard;

/// <summary>
/// Renders the dashboard as one HTML page with inline SVG charts: no script, no build step, fast. Every figure carries
/// a <c>data-testid</c> so a browser test can compare it with the API.
/// </summary>
internal static class DashboardPage
{
    public static string Render(DashboardModel model)
    {
        var html = new Html();
        html.Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text($"EcCrm · {model.ShopName}").Raw("</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body>")
            .Raw("<header><h1>").Text(model.ShopName).Raw("</h1><form method=\"post\" action=\"/logout\"><button>Sign out</button></form></header><main>");
        Journeys(html, model);
        if (model.Journey is { } journey)
        {
            Funnel(html, journey);
            Uplift(html, journey);
            Nodes(html, journey);
        }

        Customers(html, model.Customers);
        Sends(html, model.RecentSends);
        html.Raw("</main></body></html>");
        return html.ToString();
    }

    public static string Login(bool failed) => new Html()
        .Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>EcCrm · sign in</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body><main class=\"login\">")
        .Raw("<h1>EcCrm</h1><form method=\"post\" action=\"/login\"><label for=\"apiKey\">API key</label>")
        .Raw("<input id=\"apiKey\" name=\"apiKey\" type=\"password\" autocomplete=\"current-password\" required autofocus>")
        .Raw(failed ? "<p class=\"error\" role=\"alert\">That is not the API key.</p>" : string.Empty)
        .Raw("<button type=\"submit\">Sign in</button></form></main></body></html>")
        .ToString();

    private static void Journeys(Html html, DashboardModel model)
    {
        html.Raw("<section><h2>Journeys</h2><ul class=\"journeys\">");
        foreach (var journey in model.Journeys)
        {
            var selected = model.Journey?.JourneyId == journey.Definition.Id;
            html.Raw("<li").Raw(selected ? " class=\"selected\"" : string.Empty).Raw("><a href=\"/?journey=").Text(Uri.EscapeDataString(journey.Definition.Id)).Raw("\">")
                .Text(journey.Definition.Name).Raw("</a> <span class=\"muted\">").Text($"{journey.Definition.Id} v{journey.Definition.Version}").Raw("</span>")
                .Raw(journey.Paused ? " <span class=\"badge\">paused</span>" : string.Empty).Raw("</li>");
        }

        html.Raw(model.Journeys.Count == 0 ? "<li class=\"muted\">No journey is published yet.</li>" : string.Empty).Raw("</ul></section>");
    }

    private static void Funnel(Html html, JourneyReport report)
    {
        var f = report.Funnel;
        (string Label, string Id, int Value)[] stages =
        [
            ("Entered (treatment)", "funnel-entered", f.Entered),
            ("Reached by e-mail", "funnel-reached", f.Reached),
            ("E-mails sent", "funnel-sent", f.Sent),
            ("Delivered", "funnel-delivered", f.Delivered),
            ("Opened", "funnel-opened", f.Opened),
            ("Clicked", "funnel-clicked", f.Clicked),
            ("Converted", "funnel-converted", f.Converted),
        ];
        var max = Math.Max(1, stages.Max(s => s.Value));
        const int barWidth = 460;
        html.Raw("<section><h2>Funnel: ").Text(report.JourneyId).Raw("</h2>")
            .Raw($"<svg class=\"funnel\" viewBox=\"0 0 700 {(stages.Length * 30) + 10}\" role=\"img\" aria-label=\"Funnel\">");
        for (var i = 0; i < stages.Length; i++)
        {
            var (label, id, value) = stages[i];
            var y = 5 + (i * 30);
            var width = Math.Max(1, (int)Math.Round((double)value / max * barWidth));
            html.Raw($"<text x=\"0\" y=\"{y + 17}\">").Text(label).Raw("</text>")
                .Raw($"<rect x=\"170\" y=\"{y}\" width=\"{width}\" height=\"22\" rx=\"3\"></rect>")
                .Raw($"<text x=\"{178 + width}\" y=\"{y + 17}\" data-testid=\"{id}\">{Html.Number(value)}</text>");
        }

        html.Raw("</svg><p>Held out: <strong data-testid=\"funnel-held-out\">").Raw(Html.Number(f.HeldOut))
            .Raw("</strong>, of whom converted: <strong data-testid=\"funnel-holdout-converted\">").Raw(Html.Number(f.HoldoutConverted))
            .Raw("</strong>. Goal revenue: <strong data-testid=\"funnel-revenue\">").Raw(Html.Money(f.Revenue))
            .Raw("</strong> (holdout <span data-testid=\"funnel-holdout-revenue\">").Raw(Html.Money(f.HoldoutRevenue)).Raw("</span>).</p></section>");
    }

    private static void Uplift(Html html, JourneyReport report)
    {
        var c = report.Conversion;
        var low = Math.Min(0, c.AbsoluteUpliftInterval.Low);
        var high = Math.Max(0, c.AbsoluteUpliftInterval.High);
        var span = high - low is > 0 and var s ? s : 1;
        double X(double value) => double.IsFinite(value) ? 20 + ((value - low) / span * 560) : 20;

        html.Raw("<section><h2>Uplift against the holdout</h2><table class=\"figures\">")
            .Raw("<tr><th>Conversion rate, treatment</th><td data-testid=\"conversion-treatment\">").Raw(Html.Percent(c.TreatmentRate)).Raw("</td></tr>")
            .Raw("<tr><th>Conversion rate, holdout</th><td data-testid=\"conversion-holdout\">").Raw(Html.Percent(c.HoldoutRate)).Raw("</td></tr>")
            .Raw("<tr><th>Absolute uplift (95% interval)</th><td><span data-testid=\"uplift-absolute\">").Raw(Html.Percent(c.AbsoluteUplift))
            .Raw("</span> (<span data-testid=\"uplift-low\">").Raw(Html.Percent(c.AbsoluteUpliftInterval.Low)).Raw("</span> to <span data-testid=\"uplift-high\">")
            .Raw(Html.Percent(c.AbsoluteUpliftInterval.High)).Raw("</span>)</td></tr>");
        if (c.RelativeUplift is { } relative)
        {
            html.Raw("<tr><th>Relative uplift</th><td data-testid=\"uplift-relative\">").Raw(Html.Percent(relative)).Raw("</td></tr>");
        }

        html.Raw("<tr><th>Incremental revenue</th><td data-testid=\"incremental-revenue\">").Raw(Html.Money(report.Revenue.IncrementalRevenue)).Raw("</td></tr></table>")
            .Raw("<svg class=\"interval\" viewBox=\"0 0 600 60\" role=\"img\" aria-label=\"Uplift with its 95% interval\">")
            .Raw($"<line class=\"zero\" x1=\"{Html.Invariant(X(0))}\" y1=\"5\" x2=\"{Html.Invariant(X(0))}\" y2=\"45\"></line>")
            .Raw($"<line class=\"ci\" x1=\"{Html.Invariant(X(c.AbsoluteUpliftInterval.Low))}\" y1=\"25\" x2=\"{Html.Invariant(X(c.AbsoluteUpliftInterval.High))}\" y2=\"25\"></line>")
            .Raw($"<circle cx=\"{Html.Invariant(X(c.AbsoluteUplift))}\" cy=\"25\" r=\"6\"></circle>")
            .Raw($"<text x=\"{Html.Invariant(X(0))}\" y=\"58\" text-anchor=\"middle\">no change</text></svg>")
            .Raw("<p data-testid=\"uplift-verdict\" class=\"").Raw(c.IsSignificant ? "good" : "muted").Raw("\">")
            .Text(c.Note ?? (c.IsSignificant ? "The journey changed the conversion rate (95% confidence)." : "Not significant yet: the interval includes no change."))
            .Raw("</p></section>");
    }

    private static void Nodes(Html html, JourneyReport report)
    {
        html.Raw("<section><h2>Per node</h2><table><thead><tr><th>Node</th><th>Sent</th><th>Delivered</th><th>Opened</th><th>Clicked</th><th>Deferred</th><th>Blocked</th><th>Exited here</th></tr></thead><tbody>");
        foreach (var n in report.Nodes)
        {
            html.Raw("<tr><td>").Text(n.NodeId).Raw("</td>")
                .Raw($"<td>{Html.Number(n.Sent)}</td><td>{Html.Number(n.Delivered)}</td><td>{Html.Number(n.Opened)}</td><td>{Html.Number(n.Clicked)}</td>")
                .Raw($"<td>{Html.Number(n.Deferred)}</td><td>{Html.Number(n.Blocked)}</td><td>{Html.Number(n.ExitedHere)}</td></tr>");
        }

        html.Raw("</tbody></table></section>");
    }

    private static void Customers(Html html, CustomerReport report)
    {
        html.Raw("<section><h2>Customers</h2><p><strong data-testid=\"customers-count\">").Raw(Html.Number(report.Customers))
            .Raw("</strong> customers; repeat purchase rate <strong data-testid=\"repeat-rate\">").Raw(Html.Percent(report.RepeatPurchaseRate)).Raw("</strong>.</p>");

        var width = report.Cohorts.Count == 0 ? 0 : report.Cohorts.Max(c => c.Retention.Count);
        html.Raw("<h3>Retention by first-order month</h3><table class=\"heatmap\"><thead><tr><th>Cohort</th><th>Customers</th>");
        for (var month = 0; month < width; month++)
        {
            html.Raw($"<th>M{month}</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var cohort in report.Cohorts)
        {
            html.Raw("<tr><th>").Text(cohort.Cohort).Raw($"</th><td>{Html.Number(cohort.Customers)}</td>");
            for (var month = 0; month < width; month++)
            {
                html.Raw(month < cohort.Retention.Count
                    ? $"<td class=\"h h{(int)Math.Round(cohort.Retention[month] * 10)}\">{Html.Percent(cohort.Retention[month])}</td>"
                    : "<td></td>");
            }

            html.Raw("</tr>");
        }

        html.Raw("</tbody></table><h3>RFM segments</h3><table><thead><tr><th>Segment</th><th>Now</th><th>30 days ago</th></tr></thead><tbody>");
        foreach (var segment in report.Segments.Keys.Union(report.SegmentsBefore.Keys).Order())
        {
            html.Raw("<tr><td>").Text(segment.ToString()).Raw($"</td><td data-testid=\"segment-{segment}\">{Html.Number(report.Segments.GetValueOrDefault(segment))}</td><td>{Html.Number(report.SegmentsBefore.GetValueOrDefault(segment))}</td></tr>");
        }

        html.Raw("</tbody></table><h3>Moves in the last 30 days</h3><ul>");
        foreach (var move in report.Movements.Where(m => m.From != RfmSegment.None).Take(8))
        {
            html.Raw("<li>").Text($"{move.From} → {move.To}: {Html.Number(move.Customers)}").Raw("</li>");
        }

        html.Raw("</ul></section>");
    }

    private static void Sends(Html html, IReadOnlyList<DashboardSend> sends)
    {
        html.Raw("<section><h2>Recent sends</h2>");
        if (sends.Count == 0)
        {
            html.Raw("<p class=\"muted\">Nothing sent yet.</p></section>");
            return;
        }

        html.Raw("<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>");
        foreach (var send in sends)
        {
            html.Raw("<tr><td>").Text(send.SentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)).Raw("</td><td>").Text(send.To).Raw("</td><td>");
            if (send.Link is { } link)
            {
                html.Raw("<a href=\"").Text(link).Raw("\">").Text(send.Subject).Raw("</a>");
            }
            else
            {
                html.Text(send.Subject);
            }

            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table></section>");
    }
}
