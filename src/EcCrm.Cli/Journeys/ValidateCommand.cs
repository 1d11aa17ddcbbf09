using System.CommandLine;
using System.Text.Json;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Json;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Infrastructure.Email;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary><c>eccrm journeys validate &lt;file|dir&gt;</c>: every mistake with its JSON path; non-zero exit code when there is one.</summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var path = new Argument<string>("path") { Description = "A journey file, or a folder of *.journey.json files." };
        var templates = new Option<string?>("--templates") { Description = "Folder of *.liquid templates (default: templates/ next to each journey)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON for machines." };
        var command = new Command("validate", "Check journey files: schema, references, loops, templates, timing.") { path, templates, json };
        command.SetAction(result => Run(console, result.GetValue(path)!, result.GetValue(templates), result.GetValue(json)));
        return command;
    }

    private static int Run(IAnsiConsole console, string path, string? templatesFolder, bool json)
    {
        var files = JourneyFiles.Find(path);
        if (files is null)
        {
            console.MarkupLine($"[red]No journey file or folder at {Markup.Escape(path)}.[/]");
            return ExitCodes.NotFound;
        }

        var results = files.Select(file =>
        {
            var (folder, ids) = JourneyFiles.Templates(file, templatesFolder);
            var result = JourneyValidator.Validate(File.ReadAllText(file), ids);
            IReadOnlyList<JourneyError> warnings = [];
            if (result.IsValid && folder is not null)
            {
                // Each template the journey sends must parse and use only known variables, with its layout and partials.
                var templates = new TemplateCatalog(new FileEmailTemplates(folder));
                var templateErrors = JourneyTemplates.ErrorsAsync(result.Definition, templates, CancellationToken.None).GetAwaiter().GetResult();
                warnings = CouponCheck.WarningsAsync(result.Definition, templates, CancellationToken.None).GetAwaiter().GetResult();
                result = templateErrors.Count == 0 ? result : result with { Errors = templateErrors };
            }

            return (File: file, Folder: folder, Templates: ids, Result: result, Warnings: warnings);
        }).ToList();

        if (json)
        {
            var report = results.Select(r => new
            {
                file = r.File,
                valid = r.Result.IsValid,
                id = r.Result.Definition?.Id,
                version = r.Result.Definition?.Version,
                templatesChecked = r.Templates is not null,
                errors = r.Result.Errors,
                warnings = r.Warnings,
            });
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, EcCrmJson.Indented));
        }
        else
        {
            foreach (var (file, folder, ids, result, warnings) in results)
            {
                Print(console, file, folder, ids, result);
                JourneyWarnings.Print(console, file, warnings);
            }

            var failed = results.Count(r => !r.Result.IsValid);
            var noun = $"journey file{(results.Count == 1 ? string.Empty : "s")}";
            Line(console, failed == 0 ? $"[green]{results.Count} {noun} valid.[/]" : $"[red]{failed} of {results.Count} {noun} with errors.[/]");
        }

        return results.All(r => r.Result.IsValid) ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    /// <summary>
    /// A terminal gets a table whose paths never wrap. Anything else (a CI log, a pipe, a file) gets one line per error,
    /// never wrapped, so that grep for a path finds the whole error: <c>file: path: sentence Fix: fix</c>.
    /// </summary>
    private static void Print(IAnsiConsole console, string file, string? folder, IReadOnlySet<string>? ids, JourneyReadResult result)
    {
        var name = Path.GetFileName(file);
        if (result.IsValid)
        {
            var journey = result.Definition;
            Line(console, $"[green]✔[/] [bold]{Markup.Escape(name)}[/]  {Markup.Escape(journey.Id)} v{journey.Version} · {Markup.Escape(journey.Name)} · {journey.Nodes.Count} nodes");
        }
        else
        {
            Line(console, $"[red]✘[/] [bold]{Markup.Escape(name)}[/]  {result.Errors.Count} error{(result.Errors.Count == 1 ? string.Empty : "s")}");
            if (console.Profile.Out.IsTerminal)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Where").NoWrap()).AddColumn("Problem").AddColumn("Fix");
                foreach (var error in result.Errors)
                {
                    table.AddRow(new Text(error.Path, new Style(Color.Yellow)), new Text(error.Message), new Text(error.Fix ?? string.Empty, new Style(Color.Grey)));
                }

                console.Write(table);
            }
            else
            {
                foreach (var error in result.Errors)
                {
                    console.Profile.Out.Writer.WriteLine(ErrorLine(name, error));
                }
            }
        }

        if (ids is null)
        {
            Line(console, $"  [grey]No templates folder{(folder is null ? string.Empty : $" at {Markup.Escape(folder)}")}: template ids were not checked.[/]");
        }
    }

    /// <summary>One error on one line, for output that is not a terminal: <c>broken.journey.json: $.nodes[7].template: … Fix: …</c>.</summary>
    internal static string ErrorLine(string fileName, JourneyError error) =>
        $"{fileName}: {error.Path}: {error.Message}{(error.Fix is null ? string.Empty : $" Fix: {error.Fix}")}";

    /// <summary>A line of markup: wrapped to the width of a terminal, written whole (as plain text) anywhere else.</summary>
    private static void Line(IAnsiConsole console, string markup)
    {
        if (console.Profile.Out.IsTerminal)
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
        }
    }
}
