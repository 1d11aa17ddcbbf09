using EcCrm.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Orchestration.Journeys;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EcCrm.Testing;

/// <summary>
/// The journey orchestration on the real Durable Task engine in process (in-memory backend, the replay engine Durable
/// Functions uses), with its activities on EcCrm's real services on Azurite, all reading one fast journey clock.
/// </summary>
public sealed class JourneyEngineFixture : IAsyncDisposable
{
    private readonly DurableTaskTestHost host;

    private JourneyEngineFixture(TestServices services, DurableTaskTestHost host, JourneyRunSettings settings)
    {
        Services = services;
        this.host = host;
        Settings = settings;
        Router = new JourneyInputRouter(services.Get<IEnrollmentStore>(), services.Get<JourneyCatalog>(), settings, NullLogger<JourneyInputRouter>.Instance);
        Runs = new JourneyRuns(services.Get<IEnrollmentStore>(), services.Get<JourneyCatalog>(), services.Get<JourneySteps>(), services.Get<TimeProvider>());
    }

    public TestServices Services { get; }

    public JourneyRunSettings Settings { get; }

    public JourneyInputRouter Router { get; }

    public JourneyRuns Runs { get; }

    public DurableTaskClient Client => host.Client;

    public JourneyClock Clock => Settings.Clock;

    public DateTimeOffset Now => Clock.ToJourneyTime(DateTimeOffset.UtcNow);

    /// <summary>A journey clock that starts at <paramref name="simulatedStart"/> and runs <paramref name="factor"/> times faster than real time.</summary>
    /// <remarks><paramref name="register"/> registers what the engine runs; by default the journey orchestration as every in-process host registers it.</remarks>
    public static async Task<JourneyEngineFixture> StartAsync(
        DateTimeOffset simulatedStart, double factor, Action<DurableTaskRegistry, TestServices>? register = null, ActivityRetry? retry = null)
    {
        var clock = new JourneyClock(factor, DateTimeOffset.UtcNow, simulatedStart);
        var services = await TestServices.CreateAsync(
            simulatedStart,
            new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") },
            collection => collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(new ScaledTimeProvider(clock))));
        var converter = new JsonDataConverter(EcCrmJson.Options);
        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                if (register is null)
                {
                    registry.AddJourneyOrchestration();
                }
                else
                {
                    register(registry, services);
                }
            },
            new DurableTaskTestHostOptions
            {
                ConfigureServices = collection =>
                {
                    collection.AddSingleton(services.Get<JourneySteps>());
                    collection.Configure<DurableTaskWorkerOptions>(options => options.DataConverter = converter);
                    collection.Configure<DurableTaskClientOptions>(options => options.DataConverter = converter);
                },
            });
        return new JourneyEngineFixture(services, host, new JourneyRunSettings(clock, retry ?? new ActivityRetry(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1))));
    }

    /// <summary>The sample win-back journey (60 days) without its holdout, so every customer is e-mailed; optionally with a shorter goal window.</summary>
    public async Task PublishWinbackAsync(int? goalDays = null)
    {
        var journey = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        journey["entry"]!["holdout"]!["percent"] = 0;
        if (goalDays is { } days)
        {
            journey["goal"]!["orderWithinDays"] = days;
        }

        Assert.IsType<PublishResult.Published>(await Services.Get<JourneyCatalog>().PublishAsync(journey.ToJsonString(), default));
    }

    /// <summary>A customer whose only order was <paramref name="daysAgo"/> days ago, enrolled by the inactivity sweep; the enrollment id.</summary>
    public async Task<string> EnrollInactiveCustomerAsync(string email, double daysAgo)
    {
        await Services.Get<OrderIngestion>().IngestAsync(TestOrders.Paid($"{email}-1", email, Now.AddDays(-daysAgo)), default);
        await Services.Get<EntrySweep>().RunAsync(default);
        var enrollments = await Services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail(email), default);
        return Assert.Single(enrollments).EnrollmentId;
    }

    /// <summary>Ingests an order as the order queue's handler does: running enrollments hear of it through journey-inputs.</summary>
    public async Task IngestAsync(OrderRecord order) =>
        await Services.Get<OrderJourneyTriggers>().OnIngestedAsync(await Services.Get<OrderIngestion>().IngestAsync(order, default), default);

    public async Task<IReadOnlyList<JourneyEventRecord>> EventsAsync()
    {
        var events = new List<JourneyEventRecord>();
        await foreach (var journeyEvent in Services.Get<IJourneyEventLog>().ListAsync("winback-60", default))
        {
            events.Add(journeyEvent);
        }

        return events;
    }

    /// <summary>Takes every input off the journey-inputs queue and routes it to its run, as the hosts' listeners do.</summary>
    public async Task<IReadOnlyList<JourneyInputMessage>> DeliverQueuedInputsAsync()
    {
        var queue = Services.Storage.Queue(Services.Storage.Names.JourneyInputsQueueName);
        var delivered = new List<JourneyInputMessage>();
        while ((await queue.ReceiveMessageAsync()).Value is { } message)
        {
            var input = JsonSerializer.Deserialize<JourneyInputMessage>(message.Body.ToString(), EcCrmJson.Options)!;
            await Router.RouteAsync(Client, input, default);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            delivered.Add(input);
        }

        return delivered;
    }

    public Task RouteAsync(string enrollmentId, Core.Journeys.Decider.JourneyInput input) =>
        Router.RouteAsync(Client, new JourneyInputMessage(enrollmentId, input), default);

    /// <summary>The e-mails the mail sink holds, oldest first.</summary>
    public IReadOnlyList<SunkMail> Mails() => [.. Services.Get<MailSink>().List(1000).OrderBy(mail => mail.At)];

    public Task<IReadOnlyList<SunkMail>> MailsAsync(int count) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Mails()), mails => mails.Count >= count, TimeSpan.FromSeconds(30), $"{count} e-mail(s)");

    public async Task<OrchestrationMetadata> CompletionAsync(string enrollmentId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await Client.WaitForInstanceCompletionAsync(enrollmentId, getInputsAndOutputs: true, cancel.Token);
    }

    public async Task<EnrollmentRecord> EnrollmentAsync(string enrollmentId, Func<EnrollmentRecord, bool> done, string because) =>
        await Eventually.ReturnsAsync(
            async () => (await Services.Get<IEnrollmentStore>().GetAsync(enrollmentId, default))!.Value,
            done,
            TimeSpan.FromSeconds(30),
            because);

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await Services.DisposeAsync();
    }
}
