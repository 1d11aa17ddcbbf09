using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Benchmarks.Ingest;

/// <summary>
/// Webhook → profile, end to end on Azurite: signed generic webhooks posted to the in-process Server with 16
/// concurrent senders, and orders/s until every order is in its profile; then webhooks paced at a fixed rate
/// (200/s by default) while the Server ingests them, for the accept latency at that rate.
/// Baseline in the same run: a minimal loop doing the same storage operations per order directly with the SDK
/// (enqueue, receive + delete, read + add the order row, read the profile, read the customer's orders,
/// upsert the index row, add the profile), at the same concurrency.
/// Also printed, to explain a run rather than only time it: conditional writes lost to another writer, the storage
/// requests ingestion made per order, and how the machine's CPU was shared (with <c>--timeline</c>, every 5 s).
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    private const int Concurrency = 16;

    public string Name => "ingest";

    public string Description => "webhook -> profile orders/s and accept latency at a paced rate, vs raw Azurite doing the same operations";

    public async Task<int> RunAsync(string[] args)
    {
        var orders = Measure.Option(args, "--orders", 2000);
        var ordersPerCustomer = Measure.Option(args, "--customers", "pairs") switch
        {
            "pairs" => 2,
            "single" => 1,
            var other => throw new ArgumentException($"--customers is pairs (two orders per customer, the default) or single (one customer per order), not {other}."),
        };
        var rate = Measure.Option(args, "--rate", 200);
        var paced = Measure.Option(args, "--paced", rate * 10);
        var timeline = args.Contains("--timeline");
        var backlog = Measure.Option(args, "--backlog", 0);
        if (args.Contains("--accept-only"))
        {
            return await AcceptOnlyAsync(rate, paced);
        }

        Console.WriteLine($"Azurite: {Azurite.ConnectionString.Split(';').First(part => part.StartsWith("TableEndpoint", StringComparison.Ordinal))}");
        Console.WriteLine($"{orders} orders, {ordersPerCustomer} per customer, {Concurrency} concurrent senders; then {paced} webhooks paced at {rate}/s; {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");

        var load = new MachineLoad(Azurite.ConnectionString);
        var before = load.Take();
        var raw = await RawStorageLoopAsync(orders, Concurrency);
        Console.WriteLine($"raw loop: {raw.TotalSeconds:0.0} s; {MachineLoad.Between(before, load.Take())}");
        if (backlog > 0)
        {
            // The same raw loop while messages wait in another queue, as ingestion's backlog waits in the orders queue:
            // what a backlog alone costs Azurite's queue operations.
            var waiting = new QueueServiceClient(Azurite.ConnectionString).GetQueueClient(TestStorage.NewPrefix() + "-backlog");
            await waiting.CreateIfNotExistsAsync();
            await Measure.RunAsync(backlog, Concurrency, _ => waiting.SendMessageAsync(new string('x', 1500)));
            var withBacklog = await RawStorageLoopAsync(orders, Concurrency);
            await waiting.DeleteAsync();
            Console.WriteLine($"| raw loop with {backlog} messages waiting in another queue | {Measure.Rate(orders / withBacklog.TotalSeconds)} orders, {raw / withBacklog:0.00} of the raw loop without |");
        }

        var run = await EndToEndAsync(orders, ordersPerCustomer, rate, paced, load, timeline);

        var rawRate = orders / raw.TotalSeconds;
        var endToEndRate = orders / run.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| raw Azurite, same operations per order (baseline) | {Measure.Rate(rawRate)} orders |");
        Console.WriteLine($"| webhook -> profile, end to end | {Measure.Rate(endToEndRate)} orders |");
        Console.WriteLine($"| ratio end-to-end / raw | {endToEndRate / rawRate:0.00} |");
        Console.WriteLine($"| profile writes lost to another writer's ETag and redone | {run.ProfileConflicts} ({100.0 * run.ProfileConflicts / orders:0}% of orders) |");
        Console.WriteLine($"| storage requests per order, ingestion (journey engine apart) | {run.RequestsPerOrder:0.0} |");
        Console.WriteLine($"| accept latency p50 / p99, {Concurrency} senders flat out | {run.BurstP50:0.0} ms / {run.BurstP99:0.0} ms |");
        Console.WriteLine($"| accept latency p50 / p99, {rate}/s paced ({paced} webhooks, from when each was due) | {run.PacedP50:0.0} ms / {run.PacedP99:0.0} ms |");
        Console.WriteLine($"| raw enqueue latency p50 (baseline for accept) | {run.EnqueueP50:0.0} ms |");
        Console.WriteLine($"| load average at the end | {MachineLoad.LoadAverage()} |");
        return 0;
    }

    private static async Task<TimeSpan> RawStorageLoopAsync(int orders, int concurrency)
    {
        var prefix = TestStorage.NewPrefix();
        var tables = new TableServiceClient(Azurite.ConnectionString);
        var queues = new QueueServiceClient(Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var orderTable = tables.GetTableClient(prefix + "RawOrders");
        var profileTable = tables.GetTableClient(prefix + "RawProfiles");
        var indexTable = tables.GetTableClient(prefix + "RawIndex");
        var queue = queues.GetQueueClient(prefix + "-raw");
        foreach (var table in new[] { orderTable, profileTable, indexTable })
        {
            await table.CreateIfNotExistsAsync();
        }

        await queue.CreateIfNotExistsAsync();
        var body = new string('x', 1500); // about the size of a canonical order
        try
        {
            var (elapsed, _) = await Measure.RunAsync(orders, concurrency, async i =>
            {
                var customer = TestKeys.ForEmail($"raw{i / 2}@example.com").Value;
                await queue.SendMessageAsync(body);
                var received = (await queue.ReceiveMessagesAsync(1)).Value;
                if (received.Length == 1)
                {
                    await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
                }

                var rowKey = "generic-" + i.ToString(CultureInfo.InvariantCulture);
                await orderTable.GetEntityIfExistsAsync<TableEntity>(customer, rowKey);
                await orderTable.AddEntityAsync(new TableEntity(customer, rowKey) { ["Body"] = body });
                await profileTable.GetEntityIfExistsAsync<TableEntity>(customer, "profile");
                await foreach (var _ in orderTable.QueryAsync<TableEntity>(entity => entity.PartitionKey == customer))
                {
                }

                await indexTable.UpsertEntityAsync(new TableEntity("20261123", customer));
                await profileTable.UpsertEntityAsync(new TableEntity(customer, "profile") { ["Body"] = body });
            });
            return elapsed;
        }
        finally
        {
            foreach (var table in new[] { orderTable, profileTable, indexTable })
            {
                await table.DeleteAsync();
            }

            await queue.DeleteAsync();
        }
    }

    private static async Task<EndToEnd> EndToEndAsync(int orders, int ordersPerCustomer, int rate, int paced, MachineLoad load, bool printTimeline)
    {
        // No journey published: this measures ingestion (and the check for journeys an order concerns). The journey
        // runs an order can start, e-mail included, are the runner benchmark's subject.
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Journeys:Scheduler"] = "false" });
        using var client = host.CreateClient();
        var bodies = Enumerable.Range(0, orders).Select(i => Order($"bench-{i}", i, ordersPerCustomer)).ToArray();

        // Warm up the host (JIT, connections) with one order that is not measured.
        (await client.SendAsync(SignedWebhooks.Generic(Order("warm-up", orders * 2, 1)))).EnsureSuccessStatusCode();

        var queue = host.Storage.Queue(host.Storage.Names.OrdersQueueName);
        using var counters = new IngestCounters();
        using var requests = new StorageRequests(Azurite.ConnectionString);
        var stopwatch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var samples = new List<(TimeSpan At, long Queued, long Conflicts, MachineLoad.Sample Cpu)>();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                samples.Add((stopwatch.Elapsed, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, counters[IngestCounters.Conflicts(StorageConflicts.Profile)], load.Take()));
                await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var cpuBefore = load.Take();
        var (accepting, latencies) = await Measure.RunAsync(orders, Concurrency, i => PostAsync(client, bodies[i]));
        var queuedWhenAccepted = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        await DrainedAsync(queue);

        var elapsed = stopwatch.Elapsed;
        var cpu = MachineLoad.Between(cpuBefore, load.Take());
        var made = requests.Snapshot();
        await sampling.CancelAsync();
        await sampler;
        var engine = made.Where(request => request.Path.Contains("eccrmserver", StringComparison.OrdinalIgnoreCase)).ToHashSet();
        var ours = made.Where(request => !engine.Contains(request)).ToList();
        var conflicts = counters[IngestCounters.Conflicts(StorageConflicts.Profile)];
        Console.WriteLine($"accepted all in {accepting.TotalSeconds:0.0} s ({Measure.Rate(orders / accepting.TotalSeconds)}), all in profiles after {elapsed.TotalSeconds:0.0} s; {cpu}");
        Console.WriteLine($"ingested after the last was accepted: {queuedWhenAccepted} orders in {(elapsed - accepting).TotalSeconds:0.0} s ({Measure.Rate(queuedWhenAccepted / (elapsed - accepting).TotalSeconds)})");
        Console.WriteLine($"lost ETag races redone: profile {conflicts}, order {counters[IngestCounters.Conflicts(StorageConflicts.Order)]}; messages retried: {counters[IngestCounters.Retries(StorageNames.OrdersQueue)]}");
        Console.WriteLine($"storage requests: ingestion {ours.Count} ({ours.Count(request => request.Status is 409 or 412)} answered 409 or 412), mean {ours.Average(request => request.Duration.TotalMilliseconds):0.0} ms; the journey engine's {engine.Count}");
        Console.WriteLine($"storage requests per order by target: {string.Join(", ", ours.GroupBy(request => $"{request.Method} {StorageRequests.Target(request)}").OrderByDescending(group => group.Count()).Select(group => $"{group.Key} {(double)group.Count() / orders:0.00}"))}");
        if (printTimeline)
        {
            Console.WriteLine("| from | queued | profile conflicts | ingestion requests/s | mean request | engine requests | machine busy | Azurite | benchmark process |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var (from, to) in samples.Zip(samples.Skip(1)))
            {
                var slot = ours.Where(request => request.At >= from.At && request.At < to.At).ToList();
                var shares = MachineLoad.Between(from.Cpu, to.Cpu);
                Console.WriteLine($"| {from.At.TotalSeconds:0} s | {from.Queued} | {to.Conflicts - from.Conflicts} | {slot.Count / (to.At - from.At).TotalSeconds:0} | {(slot.Count == 0 ? 0 : slot.Average(request => request.Duration.TotalMilliseconds)):0} ms | {engine.Count(request => request.At >= from.At && request.At < to.At)} | {shares.MachineBusyPercent:0}% | {shares.AzuritePercentOfCore:0}% of a core | {shares.SelfPercentOfCore:0}% of a core |");
            }
        }

        await VerifyAsync(host, orders, ordersPerCustomer);

        // Webhooks at a steady rate, one customer each, while the Server ingests them: the latency a shop sees. Each is
        // timed from when it was due, so a pacer that falls behind shows as latency rather than hiding it.
        var cpuPacedBefore = load.Take();
        var pacedLatencies = await PacedAsync(client, paced, rate, i => Order($"paced-{i}", orders + i, 1));
        Console.WriteLine($"paced: {paced} webhooks at {rate}/s; {MachineLoad.Between(cpuPacedBefore, load.Take())}");
        await DrainedAsync(queue);

        // Its own queue: on the orders queue the Server's listener would take these messages and poison them.
        var enqueue = host.Storage.Queue(host.Storage.Names.OrdersQueueName + "-raw");
        await enqueue.CreateIfNotExistsAsync();
        var (_, enqueueLatencies) = await Measure.RunAsync(200, Concurrency, _ => enqueue.SendMessageAsync("{}"));
        await enqueue.DeleteAsync();
        return new EndToEnd(
            elapsed,
            conflicts,
            (double)ours.Count / orders,
            Measure.Percentile(latencies, 50),
            Measure.Percentile(latencies, 99),
            Measure.Percentile(pacedLatencies, 50),
            Measure.Percentile(pacedLatencies, 99),
            Measure.Percentile(enqueueLatencies, 50));
    }

    /// <summary>The paced webhooks alone, with the queue listeners off: what accepting costs when nothing is ingested meanwhile.</summary>
    private static async Task<int> AcceptOnlyAsync(int rate, int paced)
    {
        Console.WriteLine($"{paced} webhooks paced at {rate}/s, queue listeners off; {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Journeys:Scheduler"] = "false", ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        (await client.SendAsync(SignedWebhooks.Generic(Order("warm-up", paced, 1)))).EnsureSuccessStatusCode();
        var load = new MachineLoad(Azurite.ConnectionString);
        var before = load.Take();
        var latencies = await PacedAsync(client, paced, rate, i => Order($"paced-{i}", i, 1));
        Console.WriteLine($"{MachineLoad.Between(before, load.Take())}");
        Console.WriteLine($"| accept latency p50 / p99, {rate}/s paced, nothing ingested meanwhile | {Measure.Percentile(latencies, 50):0.0} ms / {Measure.Percentile(latencies, 99):0.0} ms |");
        Console.WriteLine($"| load average at the end | {MachineLoad.LoadAverage()} |");
        return 0;
    }

    private static async Task PostAsync(HttpClient client, string body)
    {
        // Each with its delivery id, as Shopify and WooCommerce always send one.
        using var request = SignedWebhooks.Generic(body);
        request.Headers.Add(WebhookHeaders.GenericDeliveryId, Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"A webhook got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Posts <paramref name="count"/> webhooks, each when it is due at <paramref name="perSecond"/>, without waiting for earlier answers.</summary>
    private static async Task<double[]> PacedAsync(HttpClient client, int count, int perSecond, Func<int, string> body)
    {
        var latencies = new double[count];
        var posts = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        for (var next = 0; next < count; await timer.WaitForNextTickAsync())
        {
            var due = Math.Min(count, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond) + 1);
            for (; next < due; next++)
            {
                var i = next;
                var dueAt = start + (long)(i * (double)Stopwatch.Frequency / perSecond);
                posts.Add(Task.Run(async () =>
                {
                    await PostAsync(client, body(i));
                    latencies[i] = Stopwatch.GetElapsedTime(dueAt).TotalMilliseconds;
                }));
            }
        }

        await Task.WhenAll(posts);
        return latencies;
    }

    /// <summary>
    /// Ingested when the queue is empty (the count includes messages being processed). Asked every 100 ms, not more
    /// often: Azurite counts a queue's messages by scanning every message it holds, so asking 50 times a second slowed
    /// the ingestion being measured.
    /// </summary>
    private static async Task DrainedAsync(QueueClient queue)
    {
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(100);
        }
    }

    // Two orders per customer by default, so half of the ingests update an existing profile.
    private static string Order(string orderId, int i, int ordersPerCustomer) => $$"""
        {"orderId":"{{orderId}}","status":"paid","placedAt":"2026-{{1 + (i % 12):00}}-{{1 + (i % 28):00}}T10:00:00+09:00","currency":"JPY","total":{{1000 + i}},
         "customer":{"email":"bench{{i / ordersPerCustomer}}@example.com","firstName":"Bench","acceptsMarketing":true,"countryCode":"JP"},
         "lines":[{"productId":"beans-{{i % 7}}","title":"Beans {{i % 7}}","categories":["coffee"],"quantity":1,"unitPrice":{{1000 + i}}}]}
        """;

    private sealed record EndToEnd(
        TimeSpan Elapsed, long ProfileConflicts, double RequestsPerOrder, double BurstP50, double BurstP99, double PacedP50, double PacedP99, double EnqueueP50);

    private static async Task VerifyAsync(ServerHost host, int orders, int ordersPerCustomer)
    {
        var profiles = host.Services.GetRequiredService<IProfileStore>();
        foreach (var customer in new[] { 0, (orders / ordersPerCustomer) - 1 })
        {
            var profile = await profiles.GetAsync(TestKeys.ForEmail($"bench{customer}@example.com"), default);
            if (profile?.Value.OrderCount != ordersPerCustomer)
            {
                throw new InvalidOperationException($"Customer bench{customer} has {profile?.Value.OrderCount} orders, expected {ordersPerCustomer}: the run is not valid.");
            }
        }
    }
}
