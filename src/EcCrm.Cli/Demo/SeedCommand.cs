using System.CommandLine;
using System.Diagnostics;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EcCrm.Cli.Demo;

/// <summary><c>eccrm seed</c>: loads the demo shop's order history through the same ingestion as real webhooks.</summary>
public static class SeedCommand
{
    public static Command Create(IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings)
    {
        var customers = new Option<int>("--customers") { Description = "How many demo customers.", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same customers.", DefaultValueFactory = _ => 20261123 };
        var force = new Option<bool>("--force") { Description = "Load again even if the demo data is already there." };
        var until = new Option<DateTimeOffset?>("--until") { Description = "When the order history ends (default: now); scripts/run.sh ends it where its fast demo clock starts." };
        var command = new Command("seed", "Load realistic demo orders (two years, varied buying rhythms, some long inactive).") { customers, seed, force, until };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(customers);
            if (count is < 1 or > 100_000)
            {
                console.MarkupLine("[red]--customers must be between 1 and 100000.[/]");
                return 2;
            }

            await using var services = CliServices.Create(settings);
            await StorageInitializer.EnsureCreatedAsync(services.GetRequiredService<StorageClients>(), cancellationToken);
            var lastKey = services.GetRequiredService<CustomerKeys>().ForEmail($"demo.customer{count - 1:00000}@example.com");
            if (!parse.GetValue(force) && await services.GetRequiredService<IProfileStore>().GetAsync(lastKey, cancellationToken) is not null)
            {
                console.MarkupLine($"[green]Demo data is already loaded ({count} customers).[/] Use --force to load it again.");
                return 0;
            }

            var generated = DemoData.Customers(count, parse.GetValue(until) ?? TimeProvider.System.GetUtcNow(), parse.GetValue(seed)).ToList();
            var ingestion = services.GetRequiredService<OrderIngestion>();
            var stopwatch = Stopwatch.StartNew();
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Ingesting {generated.Sum(c => c.Orders.Count)} orders of {count} customers", maxValue: count);
                    await Parallel.ForEachAsync(generated, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (customer, ct) =>
                    {
                        await ingestion.ImportAsync(customer.Orders, ct);

                        task.Increment(1);
                    });
                });

            var summary = new Table().Title("Demo data").AddColumns("Buying rhythm", "Customers", "Orders");
            foreach (var group in generated.GroupBy(customer => customer.Persona).OrderBy(group => group.Key))
            {
                summary.AddRow(group.Key.ToString(), group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), group.Sum(c => c.Orders.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(summary);
            console.MarkupLine($"Loaded {generated.Sum(c => c.Orders.Count)} orders in {stopwatch.Elapsed.TotalSeconds:0.0} s. Try a customer: [blue]demo.customer00009@example.com[/]");
            return 0;
        });
        return command;
    }
}
