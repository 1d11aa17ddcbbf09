using System.CommandLine;
using System.Globalization;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Localization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Sweep;

/// <summary>
/// <c>eccrm sweep next</c>: when the inactivity sweep runs next; <c>eccrm sweep run</c>: run it now against storage
/// (recommendations first, as the scheduled sweep does), on the real clock. Customers it enrolls start their runs on
/// the Server's engine.
/// </summary>
internal static class SweepCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var next = new Command("next", "When the inactivity sweep runs next (Sweep__Schedule, in the shop's time zone) and how far back it reaches (Sweep__CatchUpDays).");
        next.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var plan = services.GetRequiredService<SweepOnDemand>().Plan();
            console.MarkupLine(plan.NextRunAt is { } at
                ? $"Next sweep: [bold]{LocalDates.InZone(at, plan.TimeZone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}[/] {Markup.Escape(plan.TimeZone)} (schedule \"{Markup.Escape(plan.Schedule)}\"), where the Server runs it."
                : $"The schedule \"{Markup.Escape(plan.Schedule)}\" never fires again.");
            console.MarkupLine($"A journey just published reaches back {plan.CatchUpDays} days for customers who became due before it (Sweep__CatchUpDays).");
            return 0;
        });

        var run = new Command("run", "Run the inactivity sweep now: enroll every customer who has become due in the published inactivity journeys.");
        run.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var reports = await services.GetRequiredService<SweepOnDemand>().RunNowAsync(cancellationToken);
            if (reports.Count == 0)
            {
                console.MarkupLine("No published journey is entered by inactivity.");
            }

            foreach (var report in reports)
            {
                console.MarkupLine(report.From is null
                    ? $"{Markup.Escape(report.JourneyId)}: nothing new to read (the last sweep read every due date)."
                    : $"{Markup.Escape(report.JourneyId)}: last orders {report.From:yyyy-MM-dd} to {report.Through:yyyy-MM-dd}, {report.Candidates} candidates, [bold]{report.Enrolled}[/] enrolled, {report.Skipped} skipped.");
            }

            return 0;
        });

        return new Command("sweep", "The inactivity sweep: when it runs next, or run it now.") { next, run };
    }
}
