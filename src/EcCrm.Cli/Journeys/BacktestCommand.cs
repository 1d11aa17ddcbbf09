using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary>
/// <c>eccrm journeys backtest &lt;journey&gt; [--from DATE --to DATE]</c>: what an unpublished journey would have done to
/// the shop's real customers over those days (its storage, found by the same settings as the Server's): who would have
/// entered and when, the e-mails each node would have sent, how many entrants ordered anyway, and the holdout it needs.
/// </summary>
internal static class BacktestCommand
{
    /// <summary>Entrants listed by name in a terminal; <c>--json</c> lists them all.</summary>
    private const int EntrantsShown = 20;

    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var journeyPath = new Argument<string>("journey") { Description = "The journey file to replay (published or not)." };
        var from = new Option<DateOnly?>("--from") { Description = "First day to replay, shop-local (yyyy-MM-dd; default: 90 days before --to)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day to replay, shop-local (yyyy-MM-dd; default: today)." };
        var uplift = new Option<double>("--uplift") { Description = "The uplift the holdout should be able to show, in points of conversion rate (default 2).", DefaultValueFactory = _ => JourneyBacktest.DefaultUplift * 100 };
        var templates = new Option<string?>("--templates") { Description = "Folder of *.liquid templates (default: templates/ next to the journey)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON for machines (every entrant)." };
        var command = new Command("backtest", "Replay a journey against the shop's real order history and show what it would have done.") { journeyPath, from, to, uplift, templates, json };
        command.SetAction((result, cancellationToken) => RunAsync(
            console, settings, result.GetValue(journeyPath)!, new BacktestRequest(result.GetValue(from), result.GetValue(to), result.GetValue(uplift) / 100), result.GetValue(templates), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, string journeyPath, BacktestRequest request, string? templatesFolder, bool json, CancellationToken cancellationToken)
    {
        if (!File.Exists(journeyPath))
        {
            console.MarkupLine($"[red]No file at {Markup.Escape(journeyPath)}.[/]");
            return ExitCodes.NotFound;
        }

        var read = JourneyValidator.Validate(await File.ReadAllTextAsync(journeyPath, cancellationToken), JourneyFiles.Templates(journeyPath, templatesFolder).Ids);
        if (!read.IsValid)
        {
            foreach (var error in read.Errors)
            {
                console.Profile.Out.Writer.WriteLine(ValidateCommand.ErrorLine(Path.GetFileName(journeyPath), error));
            }

            return ExitCodes.Invalid;
        }

        await using var services = CliServices.Create(settings);
        var backtest = services.GetRequiredService<JourneyBacktest>();
        if (backtest.Days(request).Problem is { } problem)
        {
            console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
            return ExitCodes.Invalid;
        }

        var report = await backtest.RunAsync(read.Definition, request, cancellationToken);
        if (json)
        {
            await console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(report, EcCrmJson.Indented));
            return ExitCodes.Ok;
        }

        Print(console, read.Definition.Name, report);
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole console, string name, BacktestReport report)
    {
        var days = (int)Math.Round((report.To - report.From).TotalDays);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]{Markup.Escape(name)}[/] ({Markup.Escape(report.JourneyId)} v{report.Version}) replayed from {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} UTC ({days} days; shop in {Markup.Escape(report.ShopTimeZone)})"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{report.Customers:N0} customers and {report.Orders:N0} orders read; [bold]{report.Entries:N0}[/] would have entered ({report.Holdout:N0} held out) on {report.EntriesByDay.Count} of {days} days."));

        if (report.EntriesByDay.Count > 0)
        {
            var byDay = new Table().Border(TableBorder.Rounded).AddColumn("Day (shop)").AddColumn(new TableColumn("Entries").RightAligned()).AddColumn(new TableColumn("Held out").RightAligned());
            foreach (var day in report.EntriesByDay)
            {
                byDay.AddRow(day.Date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture), day.Entries.ToString("N0", CultureInfo.InvariantCulture), day.Holdout.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(byDay);
        }

        var nodes = new Table().Border(TableBorder.Rounded).AddColumn("Node").AddColumn("Template")
            .AddColumn(new TableColumn("Sent").RightAligned()).AddColumn(new TableColumn("Held back").RightAligned()).AddColumn(new TableColumn("Still waiting").RightAligned()).AddColumn("Blocked");
        foreach (var node in report.Nodes)
        {
            nodes.AddRow(
                node.NodeId,
                node.Template,
                node.Sent.ToString("N0", CultureInfo.InvariantCulture),
                node.Deferred.ToString("N0", CultureInfo.InvariantCulture),
                node.StillWaiting.ToString("N0", CultureInfo.InvariantCulture),
                node.Blocked.Count == 0 ? "0" : string.Join(", ", node.Blocked.OrderByDescending(pair => pair.Value).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value:N0} {pair.Key}"))));
        }

        console.Write(nodes);
        if (report.Baseline is { } baseline)
        {
            console.MarkupLine(baseline.Rate is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"Ordered within the {baseline.GoalDays}-day goal window anyway, with no e-mail: [bold]{baseline.OrderedAnyway:N0} of {baseline.Measured:N0} ({rate:P1})[/]: the rate the journey has to beat{(baseline.StillOpen > 0 ? $"; {baseline.StillOpen:N0} entrants' windows are still open" : string.Empty)}.")
                : string.Create(CultureInfo.InvariantCulture, $"No entrant's {baseline.GoalDays}-day goal window has ended yet: no baseline."));
        }

        if (report.HoldoutNeeds is { } needs)
        {
            var pace = report.DaysOfEntriesNeeded is { } needed
                ? string.Create(CultureInfo.InvariantCulture, $": about {needed:N0} days of entries at this journey's {report.Entries / Math.Max(1.0, days):0.#} a day")
                : string.Empty;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"To show +{needs.Uplift * 100:0.#} points ({needs.BaselineRate:P1} → {needs.BaselineRate + needs.Uplift:P1}) with {needs.Confidence:P0} confidence and {needs.Power:P0} power, the holdout needs [bold]{needs.HoldoutEntries:N0}[/] entries, {needs.TotalEntries:N0} in all with {needs.HoldoutShare:P0} held out{pace}."));
        }

        if (report.Entrants.Count > 0)
        {
            var entrants = new Table().Border(TableBorder.Rounded).AddColumn("Entered (UTC)").AddColumn("Customer").AddColumn("Group").AddColumn(new TableColumn("E-mails").RightAligned()).AddColumn("Ordered in goal window");
            foreach (var entrant in report.Entrants.Take(EntrantsShown))
            {
                entrants.AddRow(
                    entrant.EnteredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    entrant.Email ?? entrant.Customer.Value,
                    entrant.Group.ToString().ToLowerInvariant(),
                    entrant.EmailsSent.ToString(CultureInfo.InvariantCulture),
                    entrant.OrderedWithinGoal switch { true => "yes", false => "no", null => "window open" });
            }

            console.Write(entrants);
            if (report.Entrants.Count > EntrantsShown)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]… and {report.Entrants.Count - EntrantsShown:N0} more (--json lists every entrant).[/]"));
            }
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }
    }
}
