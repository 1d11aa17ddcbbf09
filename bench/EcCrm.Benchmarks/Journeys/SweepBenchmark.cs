using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Shop;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Benchmarks.Journeys;

/// <summary>
/// The inactivity sweep at 10,000 and 50,000 profiles with the same 100 customers due: finding the due customers
/// through the last-order index (one partition, plus a point read of each candidate's profile, as the sweep does) next to
/// the alternative it avoids, a full scan of the Profiles table, on the same Azurite in the same run; then the whole
/// sweep (finding and enrolling). Rows read is the storage-independent figure (what Azure bills as transactions and
/// what grows with customers who are not due); times are Azurite's, whose table store scans even partition queries.
/// </summary>
public sealed class SweepBenchmark : IBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero); // 02:00 in Tokyo

    public string Name => "sweep";

    public string Description => "inactivity sweep via the last-order index vs a full profile scan, at 10k and 50k profiles";

    public async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(int.Parse).Order().ToArray() : [10_000, 50_000];
        await using var services = await TestServices.CreateAsync(
            Now,
            new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"), ["Sweep:CatchUpDays"] = "1" },
            s => s.AddSingleton<IJourneyMailer, NotUsed>());
        var journey = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        await services.Get<JourneyCatalog>().PublishAsync(journey.ToJsonString(), default);

        Console.WriteLine("| profiles | due | rows read via index | rows read by full scan | find via index | find via full scan | scan / index |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var seeded = 0;
        foreach (var size in sizes)
        {
            await SeedAsync(services, seeded, size);
            seeded = size;
            await MeasureAsync(services, size);
        }

        var sweep = Stopwatch.StartNew();
        var report = (await services.Get<EntrySweep>().RunAsync(default)).Single();
        sweep.Stop();
        if (report.Enrolled != Due)
        {
            throw new InvalidOperationException($"The sweep enrolled {report.Enrolled}, expected {Due}: the run is not valid.");
        }

        Console.WriteLine();
        Console.WriteLine($"Whole sweep at {seeded:N0} profiles (find and enroll {Due}): {sweep.Elapsed.TotalMilliseconds:0} ms");
        return 0;
    }

    private const int Due = 100;

    // The first 100 customers last ordered 61 days ago (due today); the rest over the other days of two years.
    private static Task SeedAsync(TestServices services, int from, int to)
    {
        var ingestion = services.Get<OrderIngestion>();
        return Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var daysAgo = i < Due ? 61 : 1 + (i % 700 is var d && d >= 60 ? d + 2 : d);
            await ingestion.ImportAsync([Order(i, Now.AddDays(-daysAgo))], ct);
        });
    }

    private static async Task MeasureAsync(TestServices services, int profiles)
    {
        var target = Core.Journeys.Entry.EntrySchedule.DueThrough(Now, 60, "Asia/Tokyo");
        await FindViaIndexAsync(services, target); // warm-up: JIT and connections
        var index = Stopwatch.StartNew();
        var candidates = await FindViaIndexAsync(services, target);
        index.Stop();

        var scan = Stopwatch.StartNew();
        var (found, scanned) = (0, 0);
        await foreach (var row in services.Storage.Table(services.Storage.Names.Profiles).QueryAsync<TableEntity>(select: ["PartitionKey", "LastOrderAt"]))
        {
            scanned++;
            if (row.GetDateTimeOffset("LastOrderAt") is { } last && TimeZones.DateIn(last, "Asia/Tokyo") == target)
            {
                found++;
            }
        }

        scan.Stop();
        if (candidates != Due || found != Due)
        {
            throw new InvalidOperationException($"The index listed {candidates} and the scan found {found}, expected {Due}: the run is not valid.");
        }

        Console.WriteLine($"| {profiles:N0} | {Due} | {candidates * 2:N0} | {scanned:N0} | {index.Elapsed.TotalMilliseconds:0} ms | {scan.Elapsed.TotalMilliseconds:0} ms | {scan.Elapsed / index.Elapsed:0.0} |");
    }

    // What the sweep does before enrolling: one index partition, then a point read of each candidate's profile.
    private static async Task<int> FindViaIndexAsync(TestServices services, DateOnly date)
    {
        var candidates = new List<Core.Profiles.CustomerKey>();
        await foreach (var key in services.Get<Core.Profiles.ILastOrderIndex>().ListAsync(date, default))
        {
            candidates.Add(key);
        }

        var profiles = services.Get<Core.Profiles.IProfileStore>();
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) => await profiles.GetAsync(key, ct));
        return candidates.Count;
    }

    private static OrderRecord Order(int i, DateTimeOffset placedAt) => TestOrders.Paid($"sweep-{i}", $"sweep{i}@example.com", placedAt, 2400m);

    private sealed class NotUsed : IJourneyMailer
    {
        public Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken) => throw new InvalidOperationException("The sweep does not send.");
    }
}
