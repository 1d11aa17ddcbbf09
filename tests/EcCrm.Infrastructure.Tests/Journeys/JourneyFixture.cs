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

    public static OrderRecord Order(string email, DateTimeOffset placedAt, string id = "1") => TestOrders.Paid($"{email}-{id}", email, placedAt);

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
