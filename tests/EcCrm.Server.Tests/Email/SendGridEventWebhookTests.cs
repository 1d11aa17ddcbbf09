using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Email;

/// <summary><c>POST /webhooks/sendgrid</c> with batches signed like SendGrid signs them (ECDSA P-256).</summary>
public sealed class SendGridEventWebhookTests : IDisposable
{
    private static readonly CustomerKey Customer = CustomerKey.FromEmail("aiko@example.jp");
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task ASignedBatchUpdatesSendHistoryAndSuppressesAHardBounce()
    {
        await using var host = Host();
        var client = host.CreateClient();
        await ClaimSentAsync(host);

        var response = await PostAsync(client, Batch(), key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await host.Services.GetRequiredService<ISendHistory>().GetAsync(Customer, "enr-1:email-1:1", default);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763870000), record!.DeliveredAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763870100), record.OpenedAt);
        var bounced = await host.Services.GetRequiredService<ISuppressionList>().GetAsync("gone@example.com", default);
        Assert.Equal(SuppressionKind.Bounced, Assert.Single(bounced).Kind);
    }

    [Fact]
    public async Task AForgedOrStaleBatchGets401AndChangesNothing()
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
        Assert.Null((await host.Services.GetRequiredService<ISendHistory>().GetAsync(Customer, "enr-1:email-1:1", default))!.DeliveredAt);
        Assert.Empty(await host.Services.GetRequiredService<ISuppressionList>().GetAsync("gone@example.com", default));
    }

    [Fact]
    public async Task AReplayedBatchIsRecognisedEventByEventAndAppliesNothingTwice()
    {
        await using var host = Host();
        var client = host.CreateClient();
        await ClaimSentAsync(host);

        var first = await (await PostAsync(client, Batch(), key)).Content.ReadFromJsonAsync<JsonObject>();
        // SendGrid's retry of the same events: new event ids, new signature, same messages and times.
        var replay = await (await PostAsync(client, Batch(eventIdSuffix: "-retry"), key)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(3, (int)first!["applied"]!);
        Assert.Equal(0, (int)replay!["applied"]!);
        Assert.Equal(3, (int)replay["duplicates"]!);
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

    private static async Task ClaimSentAsync(ServerHost host)
    {
        await host.Services.GetRequiredService<StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var history = host.Services.GetRequiredService<ISendHistory>();
        var record = new SendRecord
        {
            Customer = Customer,
            IdempotencyKey = "enr-1:email-1:1",
            Status = SendStatus.Sent,
            QueuedAt = DateTimeOffset.FromUnixTimeSeconds(1763869000),
            EnrollmentId = "enr-1",
            TemplateId = "winback-1",
        };
        Assert.True(await history.TryClaimAsync(record, default));
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
