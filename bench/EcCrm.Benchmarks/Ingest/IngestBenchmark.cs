using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EcCrm.Core.Profiles;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Benchmarks.Ingest;

/// <summary>
/// Webhook → profile, end to end on Azurite: signed generic webhooks posted to the in-process Server with 16
/// concurrent senders, accept latency per request, and orders/s until every order is in its profile.
/// Baseline in the same run: a minimal loop doing the same storage operations per order directly with the SDK
/// (enqueue, receive + delete, read + add the order row, read the profile, read the customer's orders,
/// upsert the index row, add the profile), at the same concurrency.
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "webhook -> profile orders/s and accept latency, vs raw Azurite doing the same operations";

    public async Task<int> RunAsync(string[] args)
    {
        var orders = Measure.Option(args, "--orders", 2000);
        const int concurrency = 16;
        Console.WriteLine($"Azurite: {Azurite.ConnectionString.Split(';').First(part => part.StartsWith("TableEndpoint", StringComparison.Ordinal))}");
        Console.WriteLine($"{orders} orders, {concurrency} concurrent senders, {Environment.ProcessorCount} cores");

        var raw = await RawStorageLoopAsync(orders, concurrency);
        var (endToEnd, acceptP50, acceptP99, enqueueP50) = await EndToEndAsync(orders, concurrency);

        var rawRate = orders / raw.TotalSeconds;
        var rate = orders / endToEnd.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| raw Azurite, same operations per order (baseline) | {Measure.Rate(rawRate)} orders |");
        Console.WriteLine($"| webhook -> profile, end to end | {Measure.Rate(rate)} orders |");
        Console.WriteLine($"| ratio end-to-end / raw | {rate / rawRate:0.00} |");
        Console.WriteLine($"| accept latency p50 / p99 (202, order queued) | {acceptP50:0.0} ms / {acceptP99:0.0} ms |");
        Console.WriteLine($"| raw enqueue latency p50 (baseline for accept) | {enqueueP50:0.0} ms |");
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
                var customer = CustomerKey.FromEmail($"raw{i / 2}@example.com").Value;
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

    private static async Task<(TimeSpan Elapsed, double AcceptP50, double AcceptP99, double EnqueueP50)> EndToEndAsync(int orders, int concurrency)
    {
        // No journey published: this measures ingestion (and the check for journeys an order concerns). The journey
        // runs an order can start, e-mail included, are the runner benchmark's subject.
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Journeys:Scheduler"] = "false" });
        using var client = host.CreateClient();
        var bodies = Enumerable.Range(0, orders).Select(Order).ToArray();

        // Warm up the host (JIT, connections) with one order that is not measured.
        (await client.SendAsync(SignedWebhooks.Generic(Order(orders)))).EnsureSuccessStatusCode();

        var queue = host.Storage.Queue(host.Storage.Names.OrdersQueueName);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var (accepting, latencies) = await Measure.RunAsync(orders, concurrency, async i =>
        {
            var response = await client.SendAsync(SignedWebhooks.Generic(bodies[i]));
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"Order {i} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });

        // Ingested when the queue is empty (the count includes messages being processed).
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(20);
        }

        var elapsed = stopwatch.Elapsed;
        Console.WriteLine($"accepted all in {accepting.TotalSeconds:0.0} s ({Measure.Rate(orders / accepting.TotalSeconds)}), all in profiles after {elapsed.TotalSeconds:0.0} s");
        await VerifyAsync(host, orders);

        // Its own queue: on the orders queue the Server's listener would take these messages and poison them.
        var enqueue = host.Storage.Queue(host.Storage.Names.OrdersQueueName + "-raw");
        await enqueue.CreateIfNotExistsAsync();
        var (_, enqueueLatencies) = await Measure.RunAsync(200, concurrency, _ => enqueue.SendMessageAsync("{}"));
        await enqueue.DeleteAsync();
        return (elapsed, Measure.Percentile(latencies, 50), Measure.Percentile(latencies, 99), Measure.Percentile(enqueueLatencies, 50));
    }

    // Two orders per customer, so half of the ingests update an existing profile.
    private static string Order(int i) => $$"""
        {"orderId":"bench-{{i}}","status":"paid","placedAt":"2026-{{1 + (i % 12):00}}-{{1 + (i % 28):00}}T10:00:00+09:00","currency":"JPY","total":{{1000 + i}},
         "customer":{"email":"bench{{i / 2}}@example.com","firstName":"Bench","acceptsMarketing":true,"countryCode":"JP"},
         "lines":[{"productId":"beans-{{i % 7}}","title":"Beans {{i % 7}}","categories":["coffee"],"quantity":1,"unitPrice":{{1000 + i}}}]}
        """;

    private static async Task VerifyAsync(ServerHost host, int orders)
    {
        var profiles = host.Services.GetRequiredService<IProfileStore>();
        foreach (var customer in new[] { 0, (orders / 2) - 1 })
        {
            var profile = await profiles.GetAsync(CustomerKey.FromEmail($"bench{customer}@example.com"), default);
            if (profile?.Value.OrderCount != 2)
            {
                throw new InvalidOperationException($"Customer bench{customer} has {profile?.Value.OrderCount} orders, expected 2: the run is not valid.");
            }
        }
    }
}
