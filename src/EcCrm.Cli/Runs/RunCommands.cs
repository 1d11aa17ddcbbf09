using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Json;
using EcCrm.Orchestration.Journeys;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Runs;

/// <summary>
/// <c>eccrm runs list|show|terminate|restart</c>: journey runs as the Server's Durable Task engine keeps them (its task
/// hub, <c>Durable__TaskHub</c>): find failed ones, see why, restart them from where they failed, or stop them.
/// </summary>
public static class RunCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var enrollment = new Argument<string>("enrollment") { Description = "The run's enrollment id, {journeyId}:{customerKey}:{cycle}." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };

        var status = new Option<OrchestrationRuntimeStatus?>("--status") { Description = "Only runs in this state: Running, Completed, Failed, Terminated, Pending." };
        var limit = new Option<int>("--limit") { Description = "At most this many runs.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List runs, newest first within the page the engine returns (failed ones with --status Failed).") { status, limit, json };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var query = new OrchestrationQuery
            {
                Statuses = parse.GetValue(status) is { } only ? [only] : null,
                PageSize = Math.Clamp(parse.GetValue(limit), 1, 1000),
                FetchInputsAndOutputs = true,
            };
            var runs = new List<OrchestrationMetadata>();
            await foreach (var run in services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                runs.Add(run);
                if (runs.Count >= query.PageSize)
                {
                    break;
                }
            }

            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(runs.Select(Summary), EcCrmJson.Indented));
                return 0;
            }

            var table = new Table().AddColumns("Enrollment", "Engine status", "Last updated (UTC)", "Failure");
            foreach (var run in runs)
            {
                var summary = Summary(run);
                table.AddRow(Markup.Escape(summary.EnrollmentId), summary.Status, Utc(summary.LastUpdatedAt), Markup.Escape(summary.Failure ?? string.Empty));
            }

            console.Write(table);
            console.MarkupLine($"{runs.Count} run(s).");
            return 0;
        });

        var show = new Command("show", "Show one run: its engine status (waiting until when, or why it failed) and where its enrollment is.") { enrollment, json };
        show.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var run = await services.GetRequiredService<JourneyRuns>().GetAsync(services.GetRequiredService<DurableTaskClient>(), parse.GetValue(enrollment)!, cancellationToken);
            if (run is null)
            {
                console.MarkupLine($"[yellow]No run for {Markup.Escape(parse.GetValue(enrollment)!)}: it never started, or it finished and was purged.[/]");
                return 1;
            }

            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(run, EcCrmJson.Indented));
                return 0;
            }

            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("Enrollment", Markup.Escape(run.EnrollmentId));
            grid.AddRow("Engine status", run.EngineStatus);
            grid.AddRow("Waiting until", run.WaitingUntil is { } until ? $"{Utc(until)} (journey time)" : "-");
            grid.AddRow("Journey", run.Enrollment is { } view ? Markup.Escape($"{view.JourneyId} v{view.Version}, {view.Status}, node {view.CurrentNode ?? "-"}") : "-");
            grid.AddRow("Started / updated (UTC)", $"{Utc(run.CreatedAt)} / {Utc(run.LastUpdatedAt)}");
            grid.AddRow("Failure", Markup.Escape(run.Failure ?? "-"));
            console.Write(grid);
            return 0;
        });

        var reason = new Option<string>("--reason") { Description = "Why (recorded with the enrollment's exit).", DefaultValueFactory = _ => "terminated with eccrm" };
        var terminate = new Command("terminate", "Stop a run now; its enrollment is closed as cancelled.") { enrollment, reason };
        terminate.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var id = parse.GetValue(enrollment)!;
            if (!await services.GetRequiredService<JourneyRuns>().TerminateAsync(services.GetRequiredService<DurableTaskClient>(), id, parse.GetValue(reason)!, cancellationToken))
            {
                console.MarkupLine($"[yellow]No run for {Markup.Escape(id)}.[/]");
                return 1;
            }

            console.MarkupLine($"[green]Terminated {Markup.Escape(id)}; its enrollment is closed as cancelled.[/]");
            return 0;
        });

        var restart = new Command("restart", "Run a failed run's failed step again, from the input it failed on, once the cause is fixed.") { enrollment };
        restart.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var id = parse.GetValue(enrollment)!;
            switch (await JourneyRuns.RestartAsync(services.GetRequiredService<DurableTaskClient>(), id, cancellationToken))
            {
                case RestartOutcome.Restarted:
                    console.MarkupLine($"[green]Restarted {Markup.Escape(id)} from where it failed.[/]");
                    return 0;
                case RestartOutcome.NotFailed:
                    console.MarkupLine($"[yellow]The run of {Markup.Escape(id)} has not failed; only a failed run restarts (see 'eccrm runs show').[/]");
                    return 1;
                default:
                    console.MarkupLine($"[yellow]No run for {Markup.Escape(id)}.[/]");
                    return 1;
            }
        });

        return new Command("runs", "Journey runs in the engine: list, show, terminate, restart.") { list, show, terminate, restart };
    }

    private static RunSummary Summary(OrchestrationMetadata run) => new(
        run.InstanceId,
        run.RuntimeStatus.ToString(),
        run.LastUpdatedAt,
        run.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private sealed record RunSummary(string EnrollmentId, string Status, DateTimeOffset LastUpdatedAt, string? Failure);
}
