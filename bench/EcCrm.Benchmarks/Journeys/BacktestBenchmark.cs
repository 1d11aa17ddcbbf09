using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using EcCrm.Core.DependencyInjection;
using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.DependencyInjection;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcCrm.Benchmarks.Journeys;

/// <summary>
/// A backtest of the win-back journey over the last 90 days against a shop of 50,000 customers with two years of orders
/// on Azurite (the production <see cref="JourneyBacktest"/> with the Table-backed <see cref="IShopHistory"/>), next to the
/// baseline of a raw read of the same rows (the four tables, the same filters and columns, no parsing), alternated in
/// rounds so that both see the same load. The shop is seeded once under its own prefix and kept for later runs
/// (<c>--reseed</c> seeds it afresh); its history is relative to the day it was seeded.
/// </summary>
public sealed class BacktestBenchmark : IBenchmark
{
    private static readonly string[] Zones = ["Asia/Tokyo", "America/New_York", "Europe/Berlin", "Australia/Sydney"];

    public string Name => "backtest";

    public string Description => "backtest of the win-back journey, 50,000 customers x 90 days on Azurite, vs a raw read of the same rows";

    public async Task<int> RunAsync(string[] args)
    {
        var customers = Measure.Option(args, "--customers", 50_000);
        var days = Measure.Option(args, "--days", 90);
        var rounds = Measure.Option(args, "--rounds", 2);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"bt{customers}");
        var settings = TestSettings.For(prefix);
        settings["Sweep:Parallelism"] = "16";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddEcCrmCore().AddEcCrmInfrastructure(configuration);
        await using var services = collection.BuildServiceProvider();
        var storage = services.GetRequiredService<StorageClients>();
        await StorageInitializer.EnsureCreatedAsync(storage, CancellationToken.None);

        var seededAt = await SeededAtAsync(storage);
        if (seededAt is null || args.Contains("--reseed"))
        {
            await TestServices.DeleteStorageAsync(storage);
            await StorageInitializer.EnsureCreatedAsync(storage, CancellationToken.None);
            seededAt = DateTimeOffset.UtcNow;
            await SeedAsync(services, storage, customers, seededAt.Value);
        }

        var journey = JourneyParser.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json"))).Definition!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = new BacktestRequest(today.AddDays(1 - days), today);
        var backtest = services.GetRequiredService<JourneyBacktest>();
        var history = services.GetRequiredService<IShopHistory>();

        // Warm up (JIT, connections) on a short period, then alternate raw reads and backtests.
        await backtest.RunAsync(journey, request with { From = today }, default);
        var raw = new List<(TimeSpan Elapsed, long Rows)>();
        var runs = new List<(TimeSpan Total, TimeSpan Read, BacktestReport Report)>();
        for (var round = 0; round < rounds; round++)
        {
            raw.Add(await RawReadAsync(storage, DateTimeOffset.UtcNow.AddDays(-days - 7)));
            var clock = Stopwatch.StartNew();
            var read = Stopwatch.StartNew();
            await history.ReadAsync(DateTimeOffset.UtcNow.AddDays(-days - 7), default);
            read.Stop();
            var readOnly = read.Elapsed;
            clock.Restart();
            var report = await backtest.RunAsync(journey, request, default);
            runs.Add((clock.Elapsed, readOnly, report));
        }

        var best = runs.MinBy(run => run.Total);
        var bestRaw = raw.MinBy(read => read.Elapsed);
        var last = runs[^1].Report;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            backtest: win-back journey, {last.Customers:N0} customers ({last.Orders:N0} orders, seeded {seededAt:yyyy-MM-dd}), {days} days replayed, {rounds} rounds
              raw read of the same rows   {string.Join(", ", raw.Select(r => $"{r.Elapsed.TotalSeconds:0.0} s"))} ({bestRaw.Rows:N0} rows; {bestRaw.Rows / bestRaw.Elapsed.TotalSeconds:N0} rows/s at best)
              history read and parsed     {string.Join(", ", runs.Select(r => $"{r.Read.TotalSeconds:0.0} s"))}
              backtest (read + replay)    {string.Join(", ", runs.Select(r => $"{r.Total.TotalSeconds:0.0} s"))}
              ratio                       the backtest takes {best.Total / bestRaw.Elapsed:0.00}x the raw read (best of each)
              entries                     {last.Entries:N0} ({last.Holdout:N0} held out) on {last.EntriesByDay.Count} days; e-mails {string.Join(", ", last.Nodes.Select(n => $"{n.NodeId} {n.Sent:N0} sent / {n.Blocked.Values.Sum():N0} blocked"))}
              baseline                    {last.Baseline?.OrderedAnyway:N0} of {last.Baseline?.Measured:N0} ordered anyway ({last.Baseline?.Rate:P1}); holdout needs {last.HoldoutNeeds?.HoldoutEntries:N0} entries for +2 points
            """));
        return best.Total < TimeSpan.FromMinutes(1) ? 0 : 1;
    }

    /// <summary>The same rows the backtest reads, read and counted: every profile, every order, every suppression, recent marketing sends.</summary>
    private static async Task<(TimeSpan Elapsed, long Rows)> RawReadAsync(StorageClients storage, DateTimeOffset sendsSince)
    {
        var clock = Stopwatch.StartNew();
        async Task<long> CountAsync(string table, string? filter = null, IEnumerable<string>? select = null)
        {
            long rows = 0;
            await foreach (var page in storage.Table(table).PagesAsync(filter, select))
            {
                rows += page.Count;
            }

            return rows;
        }

        var counts = await Task.WhenAll(
            CountAsync(storage.Names.Profiles, TableClient.CreateQueryFilter($"RowKey eq {"profile"}")),
            CountAsync(storage.Names.Orders, TableClient.CreateQueryFilter($"PartitionKey ne {"anonymous"}")),
            CountAsync(storage.Names.Suppressions),
            CountAsync(storage.Names.SendHistory, TableClient.CreateQueryFilter($"QueuedAt ge {sendsSince} and Transactional eq false"), ["PartitionKey", "QueuedAt", "SentAt", "Status"]));
        return (clock.Elapsed, counts.Sum());
    }

    /// <summary>When the shop was seeded (a marker row), or <c>null</c> when it has not been.</summary>
    private static async Task<DateTimeOffset?> SeededAtAsync(StorageClients storage)
    {
        var marker = await storage.Table(storage.Names.Journeys).GetEntityIfExistsAsync<TableEntity>("bench", "seeded");
        return marker.HasValue ? marker.Value!.GetDateTimeOffset("At") : null;
    }

    /// <summary>
    /// Customers with one to six orders over the two years before <paramref name="now"/>, 95% with consent, 2% unsubscribed,
    /// a third sent one to three e-mails by another journey in the last 100 days. Written in bulk: one transaction of each
    /// customer's orders and one profile insert (projected as ingestion projects it), never a query per customer.
    /// </summary>
    private static async Task SeedAsync(IServiceProvider services, StorageClients storage, int customers, DateTimeOffset now)
    {
        var orders = services.GetRequiredService<IOrderStore>();
        var profiles = services.GetRequiredService<IProfileStore>();
        var suppressions = services.GetRequiredService<ISuppressionList>();
        var ledger = services.GetRequiredService<ISendHistory>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var random = new Random(i);
            var email = string.Create(CultureInfo.InvariantCulture, $"customer{i}@example.com");
            var key = TestKeys.ForEmail(email);
            var customer = new OrderCustomer { Email = email, TimeZone = Zones[i % Zones.Length], AcceptsMarketing = random.NextDouble() < 0.95 };
            var history = Enumerable.Range(0, 1 + random.Next(6))
                .Select(n => now.AddDays(-random.Next(1, 730)).AddMinutes(-random.Next(24 * 60)))
                .Order()
                .Select((at, n) => new OrderRecord
                {
                    Source = OrderSource.Generic,
                    OrderId = string.Create(CultureInfo.InvariantCulture, $"{i}-{n}"),
                    Status = OrderStatus.Paid,
                    PlacedAt = at,
                    UpdatedAt = at,
                    Currency = "JPY",
                    Total = 2400m + (800m * random.Next(5)),
                    Customer = customer,
                    Lines = [new OrderLine { ProductId = random.NextDouble() < 0.5 ? "beans-house" : "tea-sencha", Title = "Demo product", Categories = [random.NextDouble() < 0.5 ? "coffee" : "tea"], UnitPrice = 2400m }],
                })
                .ToList();
            await orders.SaveManyAsync(key, history, ct);
            await profiles.TryAddAsync(ProfileProjection.Project(CustomerProfile.Empty(key), history, now), ct);
            if (random.NextDouble() < 0.02)
            {
                await suppressions.AddAsync(email, new Suppression(SuppressionKind.Unsubscribed, null, now.AddDays(-random.Next(200)), "unsubscribe link"), ct);
            }

            if (random.NextDouble() < 0.33)
            {
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var at = now.AddDays(-random.Next(100)).AddMinutes(-random.Next(24 * 60));
                    await ledger.TryAddAsync(
                        new SendRecord { Customer = key, IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"other:{i}:{n}"), Status = SendStatus.Accepted, QueuedAt = at, SentAt = at, JourneyId = "newsletter", TemplateId = "news" },
                        ct);
                }
            }

            if (i % 10_000 == 9_999)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {i + 1:N0} customers in {clock.Elapsed.TotalSeconds:0} s"));
            }
        });

        await storage.Table(storage.Names.Journeys).UpsertEntityAsync(new TableEntity("bench", "seeded") { ["At"] = now });
    }
}
