using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Json;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary>
/// <c>eccrm journeys simulate &lt;journey&gt; --customer &lt;timeline.json&gt;</c>: what the journey would do for that
/// customer, when (UTC and customer-local), and why they left.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var journeyPath = new Argument<string>("journey") { Description = "The journey file to simulate." };
        var customer = new Option<string>("--customer") { Description = "The customer's timeline: profile, orders and e-mail reactions (JSON).", Required = true };
        var templates = new Option<string?>("--templates") { Description = "Folder of *.liquid templates (default: templates/ next to the journey)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON for machines." };
        var command = new Command("simulate", "Run a journey for one customer's timeline and show what happens when.") { journeyPath, customer, templates, json };
        command.SetAction(result => Run(console, result.GetValue(journeyPath)!, result.GetValue(customer)!, result.GetValue(templates), result.GetValue(json)));
        return command;
    }

    private static int Run(IAnsiConsole console, string journeyPath, string customerPath, string? templatesFolder, bool json)
    {
        foreach (var path in new[] { journeyPath, customerPath }.Where(path => !File.Exists(path)))
        {
            console.MarkupLine($"[red]No file at {Markup.Escape(path)}.[/]");
            return ExitCodes.NotFound;
        }

        var (_, ids) = JourneyFiles.Templates(journeyPath, templatesFolder);
        var journey = JourneyValidator.Validate(File.ReadAllText(journeyPath), ids);
        var timeline = CustomerTimelineParser.Parse(File.ReadAllText(customerPath));
        if (!journey.IsValid || !timeline.IsValid)
        {
            PrintErrors(console, journeyPath, journey.Errors);
            PrintErrors(console, customerPath, timeline.Errors);
            return ExitCodes.Invalid;
        }

        var result = JourneySimulator.Run(journey.Definition, timeline.Timeline);
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(result, EcCrmJson.Indented));
            return ExitCodes.Ok;
        }

        Print(console, journey.Definition.Name, result);
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole console, string name, SimulationResult result)
    {
        console.MarkupLine($"[bold]{Markup.Escape(name)}[/] ({Markup.Escape(result.JourneyId)} v{result.JourneyVersion}) for a customer in [bold]{Markup.Escape(result.CustomerTimeZone)}[/], {result.From:yyyy-MM-dd} to {result.Until:yyyy-MM-dd}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("UTC").AddColumn("Customer local").AddColumn("#").AddColumn("What").AddColumn("Node").AddColumn("Why / detail");
        foreach (var row in result.Events)
        {
            table.AddRow(
                new Text(row.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                new Text(row.LocalAt.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)),
                new Text(row.Enrollment.ToString(CultureInfo.InvariantCulture)),
                new Text(row.What, new Style(Colour(row.What))),
                new Text(row.NodeId ?? string.Empty, new Style(Color.Grey)),
                new Text(row.Detail));
        }

        console.Write(table);
        if (result.NotEnteredBecause is { } reason)
        {
            console.MarkupLine($"[yellow]Did not enter:[/] {Markup.Escape(reason)}.");
        }

        foreach (var (enrollment, index) in result.Enrollments.Select((e, i) => (e, i + 1)))
        {
            var converted = enrollment.ConvertedOrderId is { } order
                ? string.Create(CultureInfo.InvariantCulture, $", converted with order {order} ({enrollment.ConvertedRevenue:0.00})")
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
