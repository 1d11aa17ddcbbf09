using System.CommandLine;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Json;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Customers;

/// <summary>
/// <c>eccrm customers export|erase</c>: a customer's right to a copy of their data and to erasure, on the storage the
/// Server uses (the same use cases as <c>GET /api/customers/{key}/export</c> and <c>DELETE /api/customers/{key}</c>).
/// </summary>
public static class CustomerCommands
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var customer = new Argument<string>("customer") { Description = "The customer key (32 hex characters) or the customer's e-mail address." };

        var output = new Option<FileInfo?>("--output") { Description = "Write the JSON to this file instead of the terminal." };
        var export = new Command("export", "Everything held about the customer as JSON: profile, orders, suppressions, sends, journey enrollments.") { customer, output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            if (!IsCustomer(console, parse.GetValue(customer)))
            {
                return 2;
            }

            await using var services = CliServices.Create(settings);
            var key = KeyOf(services, parse.GetValue(customer)!);
            if (await services.GetRequiredService<CustomerExport>().ExportAsync(key, cancellationToken) is not { } document)
            {
                return NotFound(console, key);
            }

            var json = JsonSerializer.Serialize(document, EcCrmJson.Indented);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json, cancellationToken);
                console.MarkupLine($"[green]Wrote the export of {key} to {Markup.Escape(file.FullName)}.[/]");
            }
            else
            {
                console.Profile.Out.Writer.WriteLine(json);
            }

            return 0;
        });

        var yes = new Option<bool>("--yes") { Description = "Confirm: erasure cannot be undone." };
        var json = new Option<bool>("--json") { Description = "Print what was erased as JSON." };
        var erase = new Command("erase", "Erase the customer: stop and purge their journey runs, delete profile, orders, enrollments and e-mail copies; keep suppressions as tombstones without the address.") { customer, yes, json };
        erase.SetAction(async (parse, cancellationToken) =>
        {
            if (!IsCustomer(console, parse.GetValue(customer)))
            {
                return 2;
            }

            if (!parse.GetValue(yes))
            {
                console.MarkupLine("[yellow]Erasure cannot be undone: add --yes to erase this customer.[/]");
                return 2;
            }

            await using var services = CliServices.Create(settings);
            var key = KeyOf(services, parse.GetValue(customer)!);
            if (await services.GetRequiredService<CustomerErasure>().EraseAsync(key, cancellationToken) is not { } report)
            {
                return NotFound(console, key);
            }

            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, EcCrmJson.Indented));
                return 0;
            }

            var table = new Table().AddColumns("Erased", "Count")
                .AddRow("profile", $"{report.Profiles}")
                .AddRow("orders", $"{report.Orders}")
                .AddRow("last-order index rows", $"{report.LastOrderIndexRows}")
                .AddRow("enrollments", $"{report.Enrollments}")
                .AddRow("journey runs purged", $"{report.RunsPurged}")
                .AddRow("sends stripped of personal content", $"{report.SendsStripped}")
                .AddRow("e-mail copies in the mail sink", $"{report.MailCopies}")
                .AddRow("coupons", $"{report.Coupons}")
                .AddRow("suppressions kept as tombstones", $"{report.SuppressionTombstones}");
            console.Write(table);
            if (report.RunsNotPurged > 0)
            {
                console.MarkupLine($"[yellow]{report.RunsNotPurged} run(s) were terminated but not yet purged: the engine's worker is not running. They stop when it starts and are purged after their retention.[/]");
            }

            console.MarkupLine($"[green]Erased customer {key}.[/]");
            return 0;
        });

        return new Command("customers", "A customer's data: export a copy, or erase it.") { export, erase };
    }

    private static bool IsCustomer(IAnsiConsole console, string? text)
    {
        if (CustomerKey.TryParse(text, out _) || EmailAddress.IsPlausible(text))
        {
            return true;
        }

        console.MarkupLine("[red]Not a customer key (32 lowercase hex characters) or an e-mail address.[/]");
        return false;
    }

    /// <summary>The key given, or the key of the address given (under the configured secret, as the Server derives it).</summary>
    private static CustomerKey KeyOf(IServiceProvider services, string text) =>
        CustomerKey.TryParse(text, out var key) ? key : services.GetRequiredService<CustomerKeys>().ForEmail(text);

    private static int NotFound(IAnsiConsole console, CustomerKey key)
    {
        console.MarkupLine($"[yellow]Nothing is held about customer {key}.[/]");
        return 1;
    }
}
