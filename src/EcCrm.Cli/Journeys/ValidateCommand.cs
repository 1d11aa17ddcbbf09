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
            if (result.IsValid && folder is not null)
            {
                // Each template the journey sends must parse and use only known variables, with its layout and partials.
                var templates = new TemplateCatalog(new FileEmailTemplates(folder));
                var templateErrors = JourneyTemplates.ErrorsAsync(result.Definition, templates, CancellationToken.None).GetAwaiter().GetResult();
                result = templateErrors.Count == 0 ? result : result with { Errors = templateErrors };
            }

            return (File: file, Folder: folder, Templates: ids, Result: result);
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
            });
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, EcCrmJson.Indented));
        }
        else
        {
            foreach (var (file, folder, ids, result) in results)
            {
                Print(console, file, folder, ids, result);
            }

            var failed = results.Count(r => !r.Result.IsValid);
            console.MarkupLine(failed == 0
                ? $"[green]{results.Count} journey file{(results.Count == 1 ? string.Empty : "s")} valid.[/]"
                : $"[red]{failed} of {results.Count} journey file{(results.Count == 1 ? string.Empty : "s")} with errors.[/]");
        }

        return results.All(r => r.Result.IsValid) ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static void Print(IAnsiConsole console, string file, string? folder, IReadOnlySet<string>? ids, JourneyReadResult result)
    {
        var name = Markup.Escape(Path.GetFileName(file));
        if (result.IsValid)
        {
            var journey = result.Definition;
            console.MarkupLine($"[green]✔[/] [bold]{name}[/]  {Markup.Escape(journey.Id)} v{journey.Version} · {Markup.Escape(journey.Name)} · {journey.Nodes.Count} nodes");
        }
        else
        {
            console.MarkupLine($"[red]✘[/] [bold]{name}[/]  {result.Errors.Count} error{(result.Errors.Count == 1 ? string.Empty : "s")}");
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Where").AddColumn("Problem").AddColumn("Fix");
            foreach (var error in result.Errors)
            {
                table.AddRow(new Text(error.Path, new Style(Color.Yellow)), new Text(error.Message), new Text(error.Fix ?? string.Empty, new Style(Color.Grey)));
            }

            console.Write(table);
        }

        if (ids is null)
        {
            console.MarkupLine($"  [grey]No templates folder{(folder is null ? string.Empty : $" at {Markup.Escape(folder)}")}: template ids were not checked.[/]");
        }
    }
}
