using EcCrm.Core.Analytics;
using EcCrm.Http;

namespace EcCrm.Server.Dashboard;

/// <summary>The sweep section: when the inactivity sweep runs next, how far back it reaches, and "run the sweep now".</summary>
internal static class DashboardSweep
{
    public static void Render(Html html, DashboardModel model)
    {
        if (model.Sweep is not { } plan)
        {
            return;
        }

        html.Raw("<section id=\"sweep\"><h2>Inactivity sweep</h2>");
        if (model.Swept is { } swept)
        {
            html.Raw("<p class=\"good\" data-testid=\"sweep-result\">").Text(swept.Count == 0
                ? "Swept just now: no published journey is entered by inactivity."
                : "Swept just now: " + string.Join("; ", swept.Select(report => report.From is null
                    ? $"{report.JourneyId}: nothing new to read"
                    : $"{report.JourneyId}: {ReportText.Number(report.Enrolled)} of {ReportText.Number(report.Candidates)} customers enrolled (last orders {report.From:yyyy-MM-dd} to {report.Through:yyyy-MM-dd})")) + ".").Raw("</p>");
        }

        if (model.SweepScheduled && plan.NextRunAt is { } next)
        {
            var local = Core.Messaging.Localization.LocalDates.InZone(next, plan.TimeZone);
            html.Raw("<p>Next sweep: <strong data-testid=\"sweep-next\">").Text(local.ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture))
                .Raw("</strong> ").Text($"{plan.TimeZone} ({In(next - model.Now)}), on the schedule \"{plan.Schedule}\" (Sweep__Schedule).").Raw("</p>");
        }
        else
        {
            html.Raw("<p data-testid=\"sweep-next\">").Text("This Server runs no scheduled sweep (Journeys__Scheduler=false): run it here, with POST /api/sweep, or with eccrm sweep run.").Raw("</p>");
        }

        html.Raw("<p class=\"muted\">").Text("Customers enter an inactivity journey at the first sweep after they have been idle its number of days. A journey just published (or resumed) reaches back ")
            .Raw("<strong data-testid=\"sweep-catch-up\">").Raw(ReportText.Number(plan.CatchUpDays)).Raw("</strong>")
            .Text(" days for customers who became due before it (Sweep__CatchUpDays, up to 366): nothing happens until the next sweep, so run it now to see the journey start.").Raw("</p>")
            .Raw("<form method=\"post\" action=\"/sweep\"><input type=\"hidden\" name=\"journey\" value=\"").Text(model.Journey?.JourneyId).Raw("\">")
            .Raw("<button type=\"submit\" data-testid=\"sweep-now\">Run the sweep now</button></form></section>");
    }

    private static string In(TimeSpan wait) => wait <= TimeSpan.Zero ? "due now"
        : wait.TotalHours >= 48 ? $"in {(int)wait.TotalDays} days"
        : wait.TotalMinutes >= 60 ? $"in {(int)wait.TotalHours} h {wait.Minutes} min"
        : $"in {Math.Max(1, (int)wait.TotalMinutes)} min";
}
