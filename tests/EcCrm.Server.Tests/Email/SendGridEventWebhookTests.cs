using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Email;

/// <summary><c>POST /webhooks/sendgrid</c> with batches signed like SendGrid signs them (ECDSA P-256).</summary>
public sealed class SendGridEventWebhookTests : IDisposable
{
    private static readonly CustomerKey Customer = TestKeys.ForEmail("aiko@example.jp");
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task ASignedBatchIsQueuedAtOnceThenUpdatesSendHistoryAndSuppressesAHardBounce()
    {
        await using var host = Host();
        var client = host.CreateClient();
        await ClaimSentAsync(host);

        var response = await PostAsync(client, Batch(), key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["events"]!);
        Assert.Null((await History(host).GetAsync(Customer, "enr-1:email-1:1", default))!.DeliveredAt);

        Assert.Equal(1, await ApplyQueuedAsync(host));

        var record = await History(host).GetAsync(Customer, "enr-1:email-1:1", default);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763870000), record!.DeliveredAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763870100), record.OpenedAt);
        var bounced = await host.Services.GetRequiredService<ISuppressionList>().GetAsync("gone@example.com", default);
        Assert.Equal(SuppressionKind.Bounced, Assert.Single(bounced).Kind);
        Assert.Equal(2, await CountAsync(host, host.Storage.Names.JourneyInputsQueueName)); // delivered and opened, for enr-1
    }

    [Fact]
    public async Task AForgedOrStaleBatchGets401AndQueuesNothing()
    {
        await using var host = Host();
        var client = host.CreateClient();
        await ClaimSentAsync(host);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var forged = await PostAsync(client, Batch(), otherKey);
        var stale = await PostAsync(client, Batch(), key, DateTimeOffset.UtcNow.AddMinutes(-30));
        var unsigned = await client.PostAsync(new Uri("/webhooks/sendgrid", UriKind.Relative), new StringContent(Batch()));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(0, await CountAsync(host, host.Storage.Names.EmailEventsQueueName));
    }

    [Fact]
    public async Task AReplayedBatchIsRecognisedEventByEventAndAppliesNothingTwice()
    {
        await using var host = Host();
        var client = host.CreateClient();
        await ClaimSentAsync(host);
        await PostAsync(client, Batch(), key);
        await ApplyQueuedAsync(host);

        // SendGrid's retry of the same events: new event ids, new signature, same messages and times.
        var replay = await PostAsync(client, Batch(eventIdSuffix: "-retry"), key);
        await ApplyQueuedAsync(host);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(2, await CountAsync(host, host.Storage.Names.JourneyInputsQueueName));
        Assert.Single(await host.Services.GetRequiredService<ISuppressionList>().GetAsync("gone@example.com", default));
    }

    [Fact]
    public async Task ABatchOfThousandsIsQueuedInPartsThatEachFitAQueueMessage()
    {
        await using var host = Host();
        var events = Enumerable.Range(0, 2000).Select(i =>
            $$"""{"email":"customer{{i}}@example.com","timestamp":{{1763870000 + i}},"event":"delivered","sg_event_id":"e{{i}}","sg_message_id":"m{{i}}.filter0001p1las1","smtp-id":"<m{{i}}@example.com>","category":["winback"]}""");

        var response = await PostAsync(host.CreateClient(), "[" + string.Join(",", events) + "]", key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var parts = new List<string>();
        var queue = host.Storage.Queue(host.Storage.Names.EmailEventsQueueName);
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            parts.AddRange(messages.Select(message => message.Body.ToString()));
        }

        Assert.True(parts.Count > 1, $"{parts.Count} part(s)");
        Assert.All(parts, part => Assert.True(Encoding.UTF8.GetByteCount(part) <= StorageEmailEventQueue.MaxMessageBytes));
        var ids = parts.SelectMany(part => JsonNode.Parse(part)!.AsArray()).Select(item => (string)item!["sg_event_id"]!).ToList();
        Assert.Equal(2000, ids.Count);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"e{i}").ToHashSet(), ids.ToHashSet());
    }

    [Fact]
    public async Task WhenStorageFailsWhileEventsAreQueuedThe503SaysSomeMayBeMissingAndThatRetryingIsSafe()
    {
        await using var host = Host();
        var client = host.CreateClient();
        await ClaimSentAsync(host);
        await host.Storage.Queue(host.Storage.Names.EmailEventsQueueName).DeleteAsync();

        var response = await PostAsync(client, Batch(), key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(
            "Storage did not answer while the events were being queued, so some or all of them may not have been queued. Retry the whole delivery: events already queued are applied once.",
            (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    [Fact]
    public async Task AMalformedButSignedBatchGets400WithThePath()
    {
        await using var host = Host();

        var response = await PostAsync(host.CreateClient(), """[{"email":"a@example.com","event":"open"}]""", key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$[0].timestamp", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private ServerHost Host() => new(new Dictionary<string, string?>
    {
        ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        ["Listeners:Enabled"] = "false",
        ["Journeys:Scheduler"] = "false",
    });

    private static ISendHistory History(ServerHost host) => host.Services.GetRequiredService<ISendHistory>();

    private static async Task<int> CountAsync(ServerHost host, string queueName) =>
        (await host.Storage.Queue(queueName).PeekMessagesAsync(32)).Value.Length;

    /// <summary>What the Server's email-events listener does (switched off here, so the test sees each step): apply each queued part.</summary>
    private static async Task<int> ApplyQueuedAsync(ServerHost host)
    {
        var queue = host.Storage.Queue(host.Storage.Names.EmailEventsQueueName);
        var handler = host.Services.GetRequiredService<EmailEventMessageHandler>();
        var parts = 0;
        while ((await queue.ReceiveMessageAsync()).Value is { } message)
        {
            await handler.HandleAsync(message.Body.ToString(), default);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            parts++;
        }

        return parts;
    }

    private static async Task ClaimSentAsync(ServerHost host)
    {
        await host.Services.GetRequiredService<StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var history = History(host);
        var record = new SendRecord
        {
            Customer = Customer,
            IdempotencyKey = "enr-1:email-1:1",
            Status = SendStatus.Accepted,
            QueuedAt = DateTimeOffset.FromUnixTimeSeconds(1763869000),
            EnrollmentId = "enr-1",
            TemplateId = "winback-1",
        };
        Assert.NotNull(await history.TryAddAsync(record, default));
    }

    private static string Batch(string eventIdSuffix = "") => $$"""
        [
          {"email":"aiko@example.jp","timestamp":1763870000,"event":"delivered","sg_event_id":"d1{{eventIdSuffix}}","sg_message_id":"m1.f","idempotency_key":"enr-1:email-1:1","customer_key":"{{Customer.Value}}","enrollment_id":"enr-1","template_id":"winback-1"},
          {"email":"aiko@example.jp","timestamp":1763870100,"event":"open","sg_event_id":"o1{{eventIdSuffix}}","sg_message_id":"m1.f","idempotency_key":"enr-1:email-1:1","customer_key":"{{Customer.Value}}","enrollment_id":"enr-1","template_id":"winback-1"},
          {"email":"gone@example.com","timestamp":1763870200,"event":"bounce","type":"bounce","reason":"550 5.1.1 no such user","sg_event_id":"b1{{eventIdSuffix}}","sg_message_id":"m2.f"}
        ]
        """;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, ECDsa signer, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = signer.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return client.SendAsync(request);
    }
}
