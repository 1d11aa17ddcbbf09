using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Infrastructure.Tests.Journeys;

/// <summary>Journey tests' common ground: real services on Azurite, the sample journeys, customers with a given last order.</summary>
internal static class JourneyFixture
{
    public static Task<TestServices> CreateAsync(DateTimeOffset now) =>
        TestServices.CreateAsync(
            now,
            new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") },
            services => services.AddSingleton<IJourneyMailer, NoMail>());

    /// <summary>The sample win-back journey (60 days), with the holdout and re-entry changed as a test needs.</summary>
    public static async Task<PublishResult> PublishWinbackAsync(TestServices services, int holdoutPercent = 0, int version = 1)
    {
        var journey = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        journey["version"] = version;
        journey["entry"]!["holdout"]!["percent"] = holdoutPercent;
        return await services.Get<JourneyCatalog>().PublishAsync(journey.ToJsonString(), default);
    }

    /// <summary>A journey written for a test, with the sample templates; asserts that it published.</summary>
    public static async Task PublishAsync(TestServices services, string json) =>
        Assert.IsType<PublishResult.Published>(await services.Get<JourneyCatalog>().PublishAsync(json, default));

    /// <summary>
    /// A journey entered by <paramref name="trigger"/> (a JSON object) that sends the first win-back e-mail and waits a
    /// month before the second, so an enrollment is running for a while.
    /// </summary>
    public static string Journey(string id, string trigger, string exit = "[\"orderPlaced\"]", string reentry = "{ \"policy\": \"never\" }") => $$"""
        {
          "id": "{{id}}", "version": 1, "name": "{{id}}",
          "entry": { "trigger": {{trigger}}, "reentry": {{reentry}} },
          "exit": {{exit}},
          "nodes": [
            { "id": "email-1", "type": "send", "template": "winback-1", "next": "wait" },
            { "id": "wait", "type": "delay", "for": "30d", "next": "email-2" },
            { "id": "email-2", "type": "send", "template": "winback-2" }
          ]
        }
        """;

    public static OrderRecord Order(string email, DateTimeOffset placedAt, string id = "1") => TestOrders.Paid($"{email}-{id}", email, placedAt);

    /// <summary>
    /// What a run's first step leaves in the Enrollments table, as the orchestrator's save activity writes it: the decider's
    /// state after <see cref="Core.Journeys.Decider.Started"/> (the run itself is the orchestration tests' subject).
    /// </summary>
    public static async Task StartRunAsync(TestServices services, JourneyInputMessage started)
    {
        var enrollment = (await services.Get<IEnrollmentStore>().GetAsync(started.EnrollmentId, default))!.Value;
        var journey = (await services.Get<JourneyCatalog>().GetAsync(enrollment.JourneyId, enrollment.Version, default))!;
        var step = Core.Journeys.Decider.JourneyDecider.Decide(journey, enrollment.State, started.Input, services.Clock.GetUtcNow());
        await services.Get<EnrollmentStates>().SaveAsync(started.EnrollmentId, step.State, default);
    }

    /// <summary>Every message on the journey-inputs queue, taken off it.</summary>
    public static async Task<List<JourneyInputMessage>> ReceiveAllInputsAsync(TestServices services)
    {
        var queue = services.Storage.Queue(services.Storage.Names.JourneyInputsQueueName);
        var all = new List<JourneyInputMessage>();
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                all.Add(JsonSerializer.Deserialize<JourneyInputMessage>(message.Body.ToString(), EcCrmJson.Options)!);
            }
        }

        return all;
    }

    /// <summary>Takes the next input off the journey-inputs queue, as the runner's listener would.</summary>
    public static async Task<JourneyInputMessage> ReceiveInputAsync(TestServices services)
    {
        var queue = services.Storage.Queue(services.Storage.Names.JourneyInputsQueueName);
        var message = (await queue.ReceiveMessageAsync()).Value;
        Assert.NotNull(message);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return JsonSerializer.Deserialize<JourneyInputMessage>(message.Body.ToString(), EcCrmJson.Options)!;
    }

    /// <summary>The sweep only enrolls; a send here would be a bug.</summary>
    private sealed class NoMail : IJourneyMailer
    {
        public Task<Core.Journeys.Decider.SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The sweep must not send e-mail.");
    }
}
