using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Benchmarks.Journeys;

/// <summary>
/// Journey steps through the Server's Durable Task engine (DurableTask.Core on the Azure Storage backend, on Azurite),
/// next to raw queue round-trips (send, receive, delete) at the same concurrency in the same run. Each run has two
/// steps and no e-mail: Started (entered event, a profile tag, a one-minute durable timer) and the timer (a second tag,
/// exit). A step is one input through the journey-inputs listener or a durable timer, one orchestration episode and
/// one activity for the step's effects and state, and the episode that resumes after it.
/// </summary>
public sealed class RunnerBenchmark : IBenchmark
{
    private const string Journey = """
        { "id": "bench-runner", "version": 1, "name": "Runner benchmark",
          "entry": { "trigger": { "type": "inactivity", "days": 60 }, "reentry": { "policy": "never" } },
          "exit": ["orderPlaced"],
          "nodes": [
            { "id": "tag", "type": "action", "action": "tagProfile", "tag": "bench", "next": "wait" },
            { "id": "wait", "type": "delay", "for": "1m", "next": "tag-2" },
            { "id": "tag-2", "type": "action", "action": "tagProfile", "tag": "bench-2", "next": "done" },
            { "id": "done", "type": "exit" } ] }
        """;

    private const int StepsPerRun = 2;

    public string Name => "runner";

    public string Description => "journey steps/s through the Durable Task engine on Azurite, vs raw queue round-trips";

    public async Task<int> RunAsync(string[] args)
    {
        var customers = Measure.Option(args, "--customers", 300);
        const int concurrency = 16;
        var realNow = DateTimeOffset.UtcNow;
        var settings = new Dictionary<string, string?>
        {
            ["Journeys:Scheduler"] = "false",
            ["TimeScale:Factor"] = "60", // a journey minute is a real second
            ["TimeScale:RealOrigin"] = realNow.ToString("O"),
            ["TimeScale:SimulatedOrigin"] = realNow.ToString("O"),
            ["Listeners:Enabled"] = "false",
        };

        // First the customers and their enrollments, with nothing consuming the queue: every Started waits in journey-inputs.
        var enrolling = new ServerHost(settings) { KeepStorage = true };
        settings["Storage:Prefix"] = enrolling.Prefix;
        TimeSpan raw;
        await using (enrolling)
        {
            var services = enrolling.Services;
            await services.GetRequiredService<StorageReadiness>().Ready.WaitAsync(TimeSpan.FromMinutes(1));
            await services.GetRequiredService<JourneyCatalog>().PublishAsync(Journey, default);
            var journey = (await services.GetRequiredService<JourneyCatalog>().FindAsync("bench-runner", default))!.Definition;
            var profiles = new List<CustomerProfile>();
            foreach (var chunk in Enumerable.Range(0, customers).Chunk(100))
            {
                profiles.AddRange(await services.GetRequiredService<OrderIngestion>().ImportAsync([.. chunk.Select(i => Order(i, realNow.AddDays(-61)))], default));
            }

            var enrollment = services.GetRequiredService<JourneyEnrollment>();
            await Measure.RunAsync(customers, concurrency, i => enrollment.EnrollAsync(journey, profiles[i], null, default));
            raw = await RawRoundTripsAsync(enrolling.Storage, customers, concurrency);
        }

        // Then a Server with its engine and listeners: it takes the Started inputs, runs every journey to its end.
        settings["Listeners:Enabled"] = "true";
        var stopwatch = Stopwatch.StartNew();
        await using var running = new ServerHost(settings);
        var enrollments = running.Storage.Table(running.Storage.Names.Enrollments);
        int ended;
        while ((ended = await EndedAsync(enrollments)) < customers)
        {
            if (stopwatch.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new InvalidOperationException($"Only {ended} of {customers} runs ended in 15 minutes: the run is not valid.");
            }

            await Task.Delay(250);
        }

        var elapsed = stopwatch.Elapsed;
        var steps = customers * StepsPerRun;
        var rawRate = customers / raw.TotalSeconds;
        Console.WriteLine($"{customers} customers ({steps} steps), {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| raw queue round-trips (send, receive, delete; baseline, concurrency {concurrency}) | {Measure.Rate(rawRate)} |");
        Console.WriteLine($"| journey steps through the engine (Server start to the last run's end) | {Measure.Rate(steps / elapsed.TotalSeconds)} ({steps / elapsed.TotalSeconds / rawRate:0.00} × raw) |");
        Console.WriteLine($"| runs ended | {ended} of {customers}, in {elapsed.TotalSeconds:0.0} s |");
        return 0;
    }

    private static async Task<int> EndedAsync(TableClient enrollments)
    {
        var ended = 0;
        await foreach (var row in enrollments.QueryAsync<TableEntity>(select: ["Status"]))
        {
            ended += row.GetString("Status") is nameof(EnrollmentStatus.Completed) or nameof(EnrollmentStatus.Exited) ? 1 : 0;
        }

        return ended;
    }

    private static async Task<TimeSpan> RawRoundTripsAsync(StorageClients storage, int count, int concurrency)
    {
        var queue = storage.Queue(storage.Names.JourneyInputsQueueName + "-raw");
        await queue.CreateIfNotExistsAsync();
        try
        {
            var body = new string('x', 400);
            var (elapsed, _) = await Measure.RunAsync(count, concurrency, async _ =>
            {
                await queue.SendMessageAsync(body);
                var received = (await queue.ReceiveMessagesAsync(1)).Value;
                if (received.Length == 1)
                {
                    await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
                }
            });
            return elapsed;
        }
        finally
        {
            await queue.DeleteAsync();
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static OrderRecord Order(int i, DateTimeOffset placedAt) => TestOrders.Paid($"runner-{i}", $"runner{i}@example.com", placedAt, 1800m);
}
