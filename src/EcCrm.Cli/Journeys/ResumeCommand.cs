using System.CommandLine;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Journeys.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Journeys;

/// <summary>
/// <c>eccrm journeys resume &lt;journey&gt;</c>: lets new customers enter a paused journey again (paused by hand, or by the
/// deliverability guard, whose count then starts afresh), as <c>POST /api/journeys/{id}/resume</c> does.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var journey = new Argument<string>("journey") { Description = "The journey's id, e.g. winback-60." };
        var resume = new Command("resume", "Resume a paused journey: new customers enter it again.") { journey };
        resume.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var catalog = services.GetRequiredService<JourneyCatalog>();
            var id = parse.GetValue(journey)!;
            if (await catalog.FindAsync(id, cancellationToken) is not { } published)
            {
                console.MarkupLine($"[yellow]No journey '{Markup.Escape(id)}' is published.[/]");
                return ExitCodes.NotFound;
            }

            if (!published.Paused)
            {
                console.MarkupLine($"[green]{Markup.Escape(id)} is not paused.[/]");
                return ExitCodes.Ok;
            }

            await catalog.SetPausedAsync(id, paused: false, cancellationToken);
            console.MarkupLine(published.PauseReason is { } reason
                ? $"[green]Resumed {Markup.Escape(id)}[/], paused for: {Markup.Escape(reason)}"
                : $"[green]Resumed {Markup.Escape(id)}.[/]");
            return ExitCodes.Ok;
        });
        return resume;
    }
}
