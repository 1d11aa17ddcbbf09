using System.Diagnostics;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Queues;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcCrm.Benchmarks.Journeys;

/// <summary>
/// The embedded runner on Azurite: enrollments/s (entry evaluation, the enrollment row, the Started message) and journey
/// steps/s (one input through the queue listener and the runner: lease, decide, effects, state write), next to raw queue
/// round-trips (send, receive, delete) at the same concurrency in the same run. The journey tags the customer and exits:
/// its Started input is one step with three effects (entered event, tag written to the profile, exit event), no e-mail.
/// </summary>
public sealed class RunnerBenchmark : IBenchmark
{
    private const string Journey = """
        { "id": "bench-runner", "version": 1, "name": "Runner benchmark",
          "entry": { "trigger": { "type": "inactivity", "days": 60 }, "reentry": { "policy": "never" } },
          "exit": ["orderPlaced"],
          "nodes": [
            { "id": "tag", "type": "action", "action": "tagProfile", "tag": "bench", "next": "done" },
            { "id": "done", "type": "exit" } ] }
        """;

    public string Name => "runner";

    public string Description => "enrollments/s and journey steps/s on Azurite, vs raw queue round-trips";

    public async Task<int> RunAsync(string[] args)
    {
        var customers = Measure.Option(args, "--customers", 500);
        const int concurrency = 16;
        var realNow = TimeProvider.System.GetUtcNow();
        await using var services = await TestServices.CreateAsync(
            realNow,
            new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") },
            s => s.AddSingleton<IJourneyMailer, NoMail>().AddSingleton(TimeProvider.System));
        var published = await services.Get<JourneyCatalog>().PublishAsync(Journey, default);
        var journey = (await services.Get<JourneyCatalog>().FindAsync("bench-runner", default))?.Definition
            ?? throw new InvalidOperationException($"The benchmark journey was not published: {published}");

        var profiles = new List<CustomerProfile>();
        foreach (var chunk in Enumerable.Range(0, customers).Chunk(100))
        {
            profiles.AddRange(await services.Get<OrderIngestion>().ImportAsync([.. chunk.Select(i => Order(i, realNow.AddDays(-61)))], default));
        }

        var raw = await RawRoundTripsAsync(services, customers, concurrency);

        var enrollment = services.Get<JourneyEnrollment>();
        var (enrolling, _) = await Measure.RunAsync(customers, concurrency, i => enrollment.EnrollAsync(journey, profiles[i], null, default));

        var counted = new CountingHandler(services.Get<JourneyInputHandler>());
        var listener = new QueueListener(
            counted,
            services.Storage,
            new QueueListenerOptions { BatchSize = 32, NewBatchThreshold = concurrency, MaxDequeueCount = 5, MaxPollingInterval = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System,
            NullLogger<QueueListener>.Instance);
        var inputs = services.Storage.Queue(services.Storage.Names.JourneyInputsQueueName);
        var stopwatch = Stopwatch.StartNew();
        await listener.StartAsync(default);
        while (counted.Count < customers || (await inputs.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(50);
        }

        var stepping = stopwatch.Elapsed;
        await listener.StopAsync(default);
        listener.Dispose();

        var steps = counted.Count;
        Console.WriteLine($"{customers} customers, concurrency {concurrency}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| raw queue round-trips (send, receive, delete; baseline) | {Measure.Rate(customers / raw.TotalSeconds)} |");
        Console.WriteLine($"| enrollments | {Measure.Rate(customers / enrolling.TotalSeconds)} ({customers / enrolling.TotalSeconds / (customers / raw.TotalSeconds):0.00} × raw) |");
        Console.WriteLine($"| journey steps, through the queue listener and runner | {Measure.Rate(steps / stepping.TotalSeconds)} ({steps / stepping.TotalSeconds / (customers / raw.TotalSeconds):0.00} × raw) |");
        var ended = 0;
        foreach (var profile in profiles)
        {
            ended += (await services.Get<IEnrollmentStore>().ListByCustomerAsync(profile.Key, default)).Count(e => e.HasEnded);
        }

        if (ended != customers)
        {
            throw new InvalidOperationException($"{ended} of {customers} runs ended: the run is not valid.");
        }

        Console.WriteLine($"| inputs processed | {steps} for {customers} runs, all ended |");
        return 0;
    }

    private static async Task<TimeSpan> RawRoundTripsAsync(TestServices services, int count, int concurrency)
    {
        var queue = services.Storage.Queue(services.Storage.Names.JourneyInputsQueueName + "-raw");
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

    private static OrderRecord Order(int i, DateTimeOffset placedAt) => TestOrders.Paid($"runner-{i}", $"runner{i}@example.com", placedAt, 1800m);

    private sealed class CountingHandler(IQueueMessageHandler inner) : IQueueMessageHandler
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public string QueueName => inner.QueueName;

        public async Task HandleAsync(string body, CancellationToken cancellationToken)
        {
            await inner.HandleAsync(body, cancellationToken);
            Interlocked.Increment(ref count);
        }
    }

    private sealed class NoMail : IJourneyMailer
    {
        public Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken) => throw new InvalidOperationException("This journey sends nothing.");
    }
}
