using System.CommandLine;
using EcCrm.Cli.Hosting;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Poison;

/// <summary><c>eccrm poison list|replay &lt;queue&gt;</c>: look at what failed and why, then send it back once fixed.</summary>
public static class PoisonCommand
{
    private static readonly string[] Queues = [StorageNames.OrdersQueue, StorageNames.JourneyInputsQueue, StorageNames.EmailEventsQueue, StorageNames.TrackedEventsQueue, StorageNames.ShopAlertsQueue, StorageNames.ComplianceQueue];

    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var queue = new Argument<string>("queue") { Description = $"The queue whose poison messages to use: {string.Join(", ", Queues)}." };
        queue.AcceptOnlyFromAmong(Queues);

        var showBodies = new Option<bool>("--show-bodies") { Description = "Also print message bodies (they may contain customer data)." };
        var list = new Command("list", "List poison messages with the reason each one failed.") { queue, showBodies };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var (messages, count) = await services.GetRequiredService<PoisonQueue>().PeekAsync(parse.GetValue(queue)!, cancellationToken);
            if (messages.Count == 0)
            {
                console.MarkupLine($"[green]No poison messages on {parse.GetValue(queue)}.[/]");
                return 0;
            }

            var table = new Table().AddColumns("Message id", "Failed at (UTC)", "Attempts", "Reason", parse.GetValue(showBodies) ? "Body" : "Body size");
            foreach (var message in messages)
            {
                table.AddRow(
                    Markup.Escape(message.MessageId),
                    message.FailedAt == default ? "-" : message.FailedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(message.Reason),
                    parse.GetValue(showBodies) ? Markup.Escape(message.Body) : $"{message.Body.Length} chars");
            }

            console.Write(table);
            console.MarkupLine(count > messages.Count ? $"Showing the oldest {messages.Count} of about {count}." : $"{messages.Count} message(s).");
            return 0;
        });

        var messageId = new Option<string?>("--id") { Description = "Replay only this message (an id from 'poison list')." };
        var replay = new Command("replay", "Move poison messages back to their queue, as they first arrived.") { queue, messageId };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Create(settings);
            var name = parse.GetValue(queue)!;
            var replayed = await services.GetRequiredService<PoisonQueue>().ReplayAsync(name, parse.GetValue(messageId), cancellationToken);
            console.MarkupLine(replayed == 0
                ? $"[yellow]Nothing to replay on {name}-poison{(parse.GetValue(messageId) is { } id ? $" with id {Markup.Escape(id)}" : string.Empty)}.[/]"
                : $"[green]Replayed {replayed} message(s) to {name}.[/]");
            return replayed == 0 && parse.GetValue(messageId) is not null ? 1 : 0;
        });

        return new Command("poison", "Inspect and replay messages that kept failing.") { list, replay };
    }
}
