using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Json;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary>
/// <c>eccrm journeys simulate &lt;journey&gt;… --customer &lt;timeline.json&gt;</c>: what the journeys would do for that
/// customer, when (UTC and customer-local), and why they left or never entered; with the shop's settings as the Server
/// reads them (<c>Shop__TimeZone</c>, <c>Shop__Currency</c>, <c>Sweep__Schedule</c> … from the environment).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var journeyPaths = new Argument<string[]>("journeys") { Description = "The journey files to simulate; several run side by side for the one customer.", Arity = ArgumentArity.OneOrMore };
        var customer = new Option<string>("--customer") { Description = "The customer's timeline: profile, orders and e-mail reactions (JSON).", Required = true };
        var templates = new Option<string?>("--templates") { Description = "Folder of *.liquid templates (default: templates/ next to the journey)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON for machines." };
        var command = new Command("simulate", "Run journeys for one customer's timeline, with the shop's settings, and show what happens when.") { journeyPaths, customer, templates, json };
        command.SetAction(result => Run(console, settings, result.GetValue(journeyPaths)!, result.GetValue(customer)!, result.GetValue(templates), result.GetValue(json)));
        return command;
    }

    /// <summary>The shop's settings as the Server reads them: environment variables, then any overrides (tests).</summary>
    public static SimulationSettings Settings(IReadOnlyDictionary<string, string?>? overrides)
    {
        var configuration = CliServices.Configuration(overrides);
        return SimulationSettings.From(
            configuration.GetSection(ShopOptions.SectionName).Get<ShopOptions>() ?? new ShopOptions(),
            configuration[SimulationSettings.ShopCurrencySetting],
            configuration.GetSection(SweepOptions.SectionName).Get<SweepOptions>() ?? new SweepOptions());
    }

    private static int Run(IAnsiConsole console, IReadOnlyDictionary<string, string?>? overrides, string[] journeyPaths, string customerPath, string? templatesFolder, bool json)
    {
        foreach (var path in journeyPaths.Append(customerPath).Where(path => !File.Exists(path)))
        {
            console.MarkupLine($"[red]No file at {Markup.Escape(path)}.[/]");
            return ExitCodes.NotFound;
        }

        var settings = Settings(overrides);
        foreach (var problem in settings.Problems())
        {
            console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
        }

        if (settings.Problems().Count > 0)
        {
            return ExitCodes.Invalid;
        }

        var journeys = journeyPaths.Select(path => (Path: path, Read: JourneyValidator.Validate(File.ReadAllText(path), JourneyFiles.Templates(path, templatesFolder).Ids))).ToList();
        var timeline = CustomerTimelineParser.Parse(File.ReadAllText(customerPath), settings.ShopCurrency);
        if (journeys.Any(journey => !journey.Read.IsValid) || !timeline.IsValid)
        {
            foreach (var (path, read) in journeys)
            {
                PrintErrors(console, path, read.Errors);
            }

            PrintErrors(console, customerPath, timeline.Errors);
            return ExitCodes.Invalid;
        }

        var definitions = journeys.Select(journey => journey.Read.Definition!).ToList();
        if (definitions.Select(journey => journey.Id).Distinct(StringComparer.Ordinal).Count() != definitions.Count)
        {
            console.MarkupLine("[red]Each journey can be simulated once: two of the files have the same id.[/]");
            return ExitCodes.Invalid;
        }

        var result = JourneySimulator.Run(definitions, timeline.Timeline, settings);
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(result, EcCrmJson.Indented));
            return ExitCodes.Ok;
        }

        Print(console, result);
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole console, SimulationResult result)
    {
        var several = result.Journeys.Count > 1;
        var names = string.Join(", ", result.Journeys.Select(journey => $"[bold]{Markup.Escape(journey.Name)}[/] ({Markup.Escape(journey.JourneyId)} v{journey.Version}{(several ? $", priority {journey.Priority}" : string.Empty)})"));
        console.MarkupLine($"{names} for a customer in [bold]{Markup.Escape(result.CustomerTimeZone)}[/], {result.From:yyyy-MM-dd} to {result.Until:yyyy-MM-dd}");
        console.MarkupLine($"[grey]Shop in {Markup.Escape(result.ShopTimeZone)}, sweep at \"{Markup.Escape(result.SweepSchedule)}\" shop time (Shop__TimeZone, Sweep__Schedule)[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("UTC").AddColumn("Customer local");
        if (several)
        {
            table.AddColumn("Journey");
        }

        table.AddColumn("#").AddColumn("What").AddColumn("Node").AddColumn("Why / detail");
        foreach (var row in result.Events)
        {
            var cells = new List<Text>
            {
                new(row.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                new(row.LocalAt.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)),
            };
            if (several)
            {
                cells.Add(new Text(row.JourneyId));
            }

            cells.Add(new Text(row.Enrollment == 0 ? string.Empty : row.Enrollment.ToString(CultureInfo.InvariantCulture)));
            cells.Add(new Text(row.What, new Style(Colour(row.What))));
            cells.Add(new Text(row.NodeId ?? string.Empty, new Style(Color.Grey)));
            cells.Add(new Text(row.Detail));
            table.AddRow(cells);
        }

        console.Write(table);
        foreach (var journey in result.Journeys.Where(journey => journey.NotEnteredBecause is not null))
        {
            console.MarkupLine($"[yellow]Did not enter{(several ? $" {Markup.Escape(journey.JourneyId)}" : string.Empty)}:[/] {Markup.Escape(journey.NotEnteredBecause!)}.");
        }

        foreach (var (enrollment, index) in result.Enrollments.Select(enrollment => (enrollment, result.Enrollments.Where(e => e.JourneyId == enrollment.JourneyId).ToList().IndexOf(enrollment) + 1)))
        {
            var converted = enrollment.ConvertedOrderId is { } order
                ? string.Create(CultureInfo.InvariantCulture, $", converted with order {order} ({enrollment.ConvertedRevenue:0.00}{(enrollment.ConvertedCurrency is { } currency ? $" {currency}" : string.Empty)})")
                : string.Empty;
            console.MarkupLine($"[bold]Enrollment {index}[/] {Markup.Escape(enrollment.EnrollmentId)} ({enrollment.Group.ToString().ToLowerInvariant()}): {enrollment.EmailsSent} e-mail{(enrollment.EmailsSent == 1 ? string.Empty : "s")} sent{Markup.Escape(converted)}; {Markup.Escape(enrollment.Outcome)}.");
        }
    }

    private static Color Colour(string what) => what switch
    {
        "entry" or "sent" => Color.Green,
        "deferred" or "wait" => Color.Yellow,
        "blocked" or "exited" or "unsubscribed" or "bounced" => Color.Red,
        "converted" or "order" or "completed" => Color.Aqua,
        "duplicate" or "late" or "ignored" => Color.Grey,
        _ => Color.Default,
    };

    private static void PrintErrors(IAnsiConsole console, string file, IReadOnlyList<JourneyError> errors)
    {
        foreach (var error in errors)
        {
            if (console.Profile.Out.IsTerminal)
            {
                console.MarkupLine($"[red]✘[/] {Markup.Escape(Path.GetFileName(file))} [yellow]{Markup.Escape(error.Path)}[/]: {Markup.Escape(error.Message)}{(error.Fix is null ? string.Empty : $" [grey]{Markup.Escape(error.Fix)}[/]")}");
            }
            else
            {
                // Never wrapped, so that grep for a path finds the whole error, as validate prints it.
                console.Profile.Out.Writer.WriteLine(ValidateCommand.ErrorLine(Path.GetFileName(file), error));
            }
        }
    }
}
