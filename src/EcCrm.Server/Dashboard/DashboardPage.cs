using System.Globalization;
using EcCrm.Http;
using EcCrm.Core.Analytics;
using EcCrm.Core.Segments;
using EcCrm.Core.Surveys;

namespace EcCrm.Server.Dashboard;

/// <summary>
/// Renders the dashboard as one HTML page with inline SVG charts: no script, no build step, fast. Every figure carries
/// a <c>data-testid</c> so a browser test can compare it with the API. docs/reports.md defines every figure.
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
        DashboardSweep.Render(html, model);
        if (model.Journey is { } journey)
        {
            DashboardJourney.Render(html, model, journey);
        }

        Customers(html, model.Customers);
        if (model.Surveys is { } surveys)
        {
            Surveys(html, surveys);
        }

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
                .Raw(journey.Paused ? " <span class=\"badge\">paused</span>" : string.Empty);
            if (journey.PauseReason is { } reason)
            {
                html.Raw("<p class=\"error\" data-testid=\"pause-reason\">").Text(reason)
                    .Text($" Fix the cause, then resume it: POST /api/journeys/{journey.Definition.Id}/resume or eccrm journeys resume {journey.Definition.Id}.").Raw("</p>");
            }

            html.Raw("</li>");
        }

        html.Raw(model.Journeys.Count == 0 ? "<li class=\"muted\">No journey is published yet.</li>" : string.Empty).Raw("</ul></section>");
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

    /// <summary>NPS overall, per journey and week by week (a bar per week, from −100 to 100), and the customers' comments.</summary>
    private static void Surveys(Html html, SurveyReport report)
    {
        var overall = report.Overall;
        html.Raw("<section><h2>Surveys</h2><p>NPS since ").Text(report.Since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Raw(": <strong data-testid=\"nps-overall\">").Text(Nps(overall.Nps))
            .Raw("</strong> from <span data-testid=\"nps-answers\">").Raw(Html.Number(overall.Answers)).Raw("</span> answers (")
            .Text($"{overall.Promoters} promoters, {overall.Passives} passives, {overall.Detractors} detractors").Raw(").</p>");
        if (overall.Answers == 0 && report.Comments.Count == 0)
        {
            html.Raw("<p class=\"muted\">No survey answers yet.</p></section>");
            return;
        }

        html.Raw("<h3>NPS per journey</h3><table><thead><tr><th>Journey</th><th>Answers</th><th>Promoters</th><th>Passives</th><th>Detractors</th><th>NPS</th></tr></thead><tbody>");
        foreach (var journey in report.Journeys)
        {
            html.Raw("<tr><td>").Text(journey.Key).Raw($"</td><td>{Html.Number(journey.Answers)}</td><td>{Html.Number(journey.Promoters)}</td><td>{Html.Number(journey.Passives)}</td><td>{Html.Number(journey.Detractors)}</td><td data-testid=\"nps-journey-")
                .Text(journey.Key).Raw("\">").Text(Nps(journey.Nps)).Raw("</td></tr>");
        }

        html.Raw("</tbody></table><h3>NPS by week</h3><table><thead><tr><th>Week of</th><th>Answers</th><th>NPS</th><th></th></tr></thead><tbody>");
        foreach (var week in report.Weeks)
        {
            var width = (int)Math.Round(((week.Nps ?? 0) + 100) / 2);
            html.Raw("<tr><td>").Text(week.Key).Raw($"</td><td>{Html.Number(week.Answers)}</td><td data-testid=\"nps-week-").Text(week.Key).Raw("\">").Text(Nps(week.Nps))
                .Raw($"</td><td><svg width=\"100\" height=\"10\" role=\"img\" aria-label=\"NPS\"><rect width=\"100\" height=\"10\" fill=\"#e5e7eb\"/><rect width=\"{width}\" height=\"10\" fill=\"#2563eb\"/><line x1=\"50\" x2=\"50\" y1=\"0\" y2=\"10\" stroke=\"#111\"/></svg></td></tr>");
        }

        html.Raw("</tbody></table><h3>Comments</h3>");
        if (report.Comments.Count == 0)
        {
            html.Raw("<p class=\"muted\">No comments yet.</p></section>");
            return;
        }

        html.Raw("<ul class=\"comments\">");
        foreach (var comment in report.Comments)
        {
            html.Raw("<li data-testid=\"survey-comment\"><span class=\"muted\">").Text($"{comment.At.UtcDateTime:yyyy-MM-dd} · {comment.JourneyId} · {comment.Survey}: {comment.Answer}").Raw("</span><br>")
                .Text(comment.Comment).Raw("</li>");
        }

        html.Raw("</ul></section>");
    }

    private static string Nps(double? nps) => nps is { } value ? value.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "–";

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
