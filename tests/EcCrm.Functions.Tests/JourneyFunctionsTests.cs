using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Functions.Journeys;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.Journeys;
using EcCrm.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Tests;

/// <summary>
/// The journey Functions: the sweep's timer, the journey-inputs queue trigger, the orchestrator and activities (run by
/// the real Durable Task engine in process, through these very function methods) and the purge timer.
/// </summary>
public class JourneyFunctionsTests
{
    // 10:00 in Tokyo (the shop's zone): outside quiet hours.
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheEntriesTimerSweepsOnlyInTheTickAfterItsScheduleFires()
    {
        // 02:03 in Tokyo: the default schedule (02:00 shop time) fired in the last five minutes.
        var justAfterTwo = new DateTimeOffset(2026, 11, 22, 17, 3, 0, TimeSpan.Zero);
        await using var services = await FunctionServices.CreateAsync(justAfterTwo, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        await services.Get<Infrastructure.Journeys.JourneyFilePublisher>().PublishAllAsync(default);
        await services.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("sora-1", "sora@example.jp", justAfterTwo.AddDays(-60.5)), default);
        var entries = ActivatorUtilities.CreateInstance<JourneyEntriesFunction>(services.Provider);

        services.Clock.Advance(JourneyEntriesFunction.Tick); // 02:08: the schedule did not fire in the last tick
        await entries.RunAsync(new TimerInfo(), default);
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("sora@example.jp"), default));

        services.Clock.Advance(TimeSpan.FromDays(1) - JourneyEntriesFunction.Tick); // 02:03 the next day
        await entries.RunAsync(new TimerInfo(), default);
        var enrollment = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("sora@example.jp"), default));
        Assert.Equal("winback-60", enrollment.JourneyId);
    }

    [Fact]
    public async Task TheDaysSweepStillEnrollsWhenRecomputingTheRecommendationsFails()
    {
        // As on the Server: a failed step of the day's work is logged, and the steps after it still run.
        var justAfterTwo = new DateTimeOffset(2026, 11, 22, 17, 3, 0, TimeSpan.Zero);
        await using var services = await FunctionServices.CreateAsync(
            justAfterTwo,
            new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") },
            collection => collection.AddSingleton<ICustomerProducts, UnreadableProducts>());
        await services.Get<Infrastructure.Journeys.JourneyFilePublisher>().PublishAllAsync(default);
        await services.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("nagi-1", "nagi@example.jp", justAfterTwo.AddDays(-60.5)), default);

        await ActivatorUtilities.CreateInstance<JourneyEntriesFunction>(services.Provider).RunAsync(new TimerInfo(), default);

        var enrollment = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("nagi@example.jp"), default));
        Assert.Equal("winback-60", enrollment.JourneyId);
    }

    [Fact]
    public async Task TheEntriesTimerRunsAJourneyEnteredOnItsOwnScheduleInTheTickAfterItsTime()
    {
        // Monday 09:00 in Tokyo is the newsletter's time; the ticks come at 09:02 and 09:07.
        var beforeNine = new DateTimeOffset(2026, 11, 22, 23, 57, 0, TimeSpan.Zero);
        await using var services = await FunctionServices.CreateAsync(beforeNine, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        var newsletter = """
            { "id": "monday-news", "version": 1, "name": "Monday news",
              "entry": { "trigger": { "type": "schedule", "cron": "0 9 * * MON" }, "reentry": { "policy": "afterExit" } },
              "nodes": [{ "id": "email", "type": "send", "template": "winback-1" }] }
            """;
        Assert.IsType<Core.Journeys.Catalog.PublishResult.Published>(await services.Get<Core.Journeys.Catalog.JourneyCatalog>().PublishAsync(newsletter, default));
        await services.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("umi-1", "umi@example.jp", beforeNine.AddDays(-3)), default);
        var entries = ActivatorUtilities.CreateInstance<JourneyEntriesFunction>(services.Provider);

        await entries.RunAsync(new TimerInfo(), default);
        Assert.Empty(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("umi@example.jp"), default));
        services.Clock.Advance(TimeSpan.FromMinutes(5));
        await entries.RunAsync(new TimerInfo(), default);
        services.Clock.Advance(JourneyEntriesFunction.Tick);
        await entries.RunAsync(new TimerInfo(), default);

        var enrollment = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("umi@example.jp"), default));
        Assert.Equal(("monday-news", beforeNine.AddMinutes(3)), (enrollment.JourneyId, enrollment.CreatedAt));
    }

    [Fact]
    public async Task AJourneyRunsThroughTheQueueTriggerTheOrchestratorAndTheActivityFunctionsAndIsPurgedWhenFinished()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, factor: 4_320, RegisterFunctions);
        await engine.PublishWinbackAsync();
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("kai@example.jp", daysAgo: 61);
        var inputs = new JourneyInputFunction(engine.Router, engine.Services.Get<QueueMessageRunner>());

        await DeliverQueuedAsync(engine, inputs);
        await engine.MailsAsync(1);
        await engine.IngestAsync(TestOrders.Paid("kai@example.jp-2", "kai@example.jp", engine.Now));
        await DeliverQueuedAsync(engine, inputs);
        var end = await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(30));

        Assert.Equal(new JourneyRunEnd(EnrollmentStatus.Exited, ExitReason.OrderPlaced, "kai@example.jp-2"), end.ReadOutputAs<JourneyRunEnd>());
        var purge = new JourneyRunPurgeFunction(Options.Create(new JourneyRunOptions { PurgeAfter = TimeSpan.Zero }));
        Assert.Equal(1, await purge.RunAsync(new TimerInfo(), engine.Client, default));
        Assert.Null(await engine.Client.GetInstanceAsync(enrollmentId));
    }

    [Fact]
    public async Task AnUnreadableJourneyInputGoesToThePoisonQueueWithTheReason()
    {
        await using var services = await FunctionServices.CreateAsync();
        var inputs = new JourneyInputFunction(services.Get<JourneyInputRouter>(), services.Get<QueueMessageRunner>());

        await inputs.RunAsync("""{"enrollmentId":"not-an-id"}""", "m-1", 1, DateTimeOffset.UtcNow, durable: null!, default);

        var poisoned = Assert.Single((await services.Get<PoisonQueue>().PeekAsync(StorageNames.JourneyInputsQueue, default)).Messages);
        Assert.Contains("names no enrollment", poisoned.Reason, StringComparison.Ordinal);
    }

    /// <summary>The engine runs the Functions app's own orchestrator and activity methods, as the Durable extension does.</summary>
    private static void RegisterFunctions(DurableTaskRegistry registry, TestServices services)
    {
        var functions = new JourneyRunFunctions(services.Get<JourneySteps>());
        registry.AddOrchestratorFunc<JourneyRun, JourneyRunEnd?>(JourneyOrchestration.Orchestrator, (context, _) => JourneyRunFunctions.RunAsync(context));
        registry.AddActivityFunc<JourneySendRequest, EffectCompleted>(JourneyOrchestration.SendActivity, (_, request) => functions.SendAsync(request, default));
        registry.AddActivityFunc<JourneyStepRecord, bool>(JourneyOrchestration.SaveActivity, (_, step) => functions.SaveAsync(step, default));
    }

    /// <summary>What the Functions host does with the journey-inputs queue: each message to the queue trigger, with its client.</summary>
    private static async Task DeliverQueuedAsync(JourneyEngineFixture engine, JourneyInputFunction inputs)
    {
        var queue = engine.Services.Storage.Queue(engine.Services.Storage.Names.JourneyInputsQueueName);
        while ((await queue.ReceiveMessageAsync()).Value is { } message)
        {
            await inputs.RunAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn!.Value, engine.Client, default);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    /// <summary>Profiles that cannot be read for the co-purchase counts (a storage outage, say).</summary>
    private sealed class UnreadableProducts : ICustomerProducts
    {
        public IAsyncEnumerable<IReadOnlyList<ProductPurchase>> ListAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The profiles cannot be read.");
    }
}
