using System.CommandLine;
using System.Text.Json;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Json;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Customers;

/// <summary>
/// <c>eccrm customers export|erase</c>: a customer's right to a copy of their data and to erasure, on the storage the
/// Server uses (the same use cases as <c>GET /api/customers/{key}/export</c> and <c>DELETE /api/customers/{key}</c>);
/// <c>eccrm customers rekey</c>: moves every customer to their key under the current secret (docs/privacy.md).
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

        var rekeyYes = new Option<bool>("--yes") { Description = "Confirm: the EcCrm app is stopped (no Server, no Function App) while the keys change." };
        var rekeyJson = new Option<bool>("--json") { Description = "Print the counts as JSON." };
        var rekey = new Command("rekey", "Move customers stored under keys of an earlier derivation (the unkeyed hash of old, or Privacy:PreviousCustomerKeySecrets) to their key under Privacy:CustomerKeySecret. Safe to run again.") { rekeyYes, rekeyJson };
        rekey.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(rekeyYes))
            {
                console.MarkupLine("[yellow]Stop the Server or Function App first (a customer's rows move while nothing else writes them), then run again with --yes.[/]");
                return 2;
            }

            await using var services = CliServices.Create(settings);
            var keys = services.GetRequiredService<CustomerKeys>();
            if (keys.Previous.Count == 0)
            {
                console.MarkupLine("[yellow]No earlier derivation is configured (Privacy:PreviousCustomerKeySecrets, Privacy:UnkeyedCustomerKeys): there is nothing to move from.[/]");
                return 2;
            }

            var report = await services.GetRequiredService<CustomerRekey>().RunAsync(cancellationToken);
            if (parse.GetValue(rekeyJson))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, EcCrmJson.Indented));
            }
            else
            {
                var table = new Table().AddColumns("Customers", "Count")
                    .AddRow("found", $"{report.Customers}")
                    .AddRow("moved to the current key", $"{report.Moved}")
                    .AddRow("already under the current key", $"{report.AlreadyCurrent}")
                    .AddRow("left: no address held (erased) or not explained", $"{report.Unrecognised}")
                    .AddRow("left: a journey run has not ended", $"{report.SkippedRunning}")
                    .AddRow("profiles merged with one made after the switch", $"{report.ProfilesMerged}");
                console.Write(table);
                var rows = new Table().AddColumns("Table", "Rows written under new keys");
                foreach (var (name, count) in report.RowsMoved)
                {
                    rows.AddRow(name, $"{count}");
                }

                console.Write(rows);
            }

            if (report.Conflicts > 0)
            {
                console.MarkupLine($"[red]{report.Conflicts} row(s) exist under both keys with different content: the customers they belong to were left under their old keys.[/]");
                return 1;
            }

            if (report.SkippedRunning > 0)
            {
                console.MarkupLine($"[yellow]{report.SkippedRunning} customer(s) have a journey run that has not ended: run this again once it has (or after `eccrm runs terminate`).[/]");
            }

            return 0;
        });

        return new Command("customers", "A customer's data: export a copy, erase it, or move it to keys under a new secret.") { export, erase, rekey };
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
