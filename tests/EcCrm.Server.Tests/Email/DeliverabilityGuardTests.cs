using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Email;

/// <summary>
/// The deliverability guard end to end on Azurite: SendGrid's signed events about a journey's sends pause the journey when
/// its bounces pass 5%, the API and the dashboard say why, and one call resumes it with a fresh count.
/// </summary>
public sealed class DeliverabilityGuardTests : IDisposable
{
    private const string Journey = "winback-60";
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task AJourneyWhoseSendsBounceTooOftenIsPausedWithItsReasonUntilResumed()
    {
        await using var host = new ServerHost(new Dictionary<string, string?>
        {
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            ["Listeners:Enabled"] = "false",
            ["Journeys:Scheduler"] = "false",
            ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
        });
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var now = DateTimeOffset.UtcNow;

        // 100 sends: 95 delivered and 5 bounced is 5%, not above the threshold.
        await PostAndApplyAsync(host, Events(0, 95, "delivered", now).Concat(Events(95, 5, "bounce", now)));
        Assert.Null(PauseReason(await JourneyAsync(api)));

        // One more bounce among 101 sends: 5.9%.
        await PostAndApplyAsync(host, Events(100, 1, "bounce", now));

        var paused = await JourneyAsync(api);
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.StartsWith("Deliverability: 6 bounces in 101 sends since ", PauseReason(paused), StringComparison.Ordinal);
        Assert.Contains("above the threshold of 5%", await DashboardAsync(host), StringComparison.Ordinal);

        var resumed = await api.PostAsync(new Uri($"/api/journeys/{Journey}/resume", UriKind.Relative), content: null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var running = await JourneyAsync(api);
        Assert.False(running.GetProperty("paused").GetBoolean());
        Assert.Null(PauseReason(running));

        // Counted afresh from the resume: one bounce in one send is too few sends to judge.
        await PostAndApplyAsync(host, Events(200, 1, "bounce", DateTimeOffset.UtcNow.AddSeconds(2)));
        Assert.False((await JourneyAsync(api)).GetProperty("paused").GetBoolean());
    }

    private static IEnumerable<string> Events(int first, int count, string type, DateTimeOffset at) =>
        Enumerable.Range(first, count).Select(i =>
        {
            var customer = TestKeys.ForEmail($"guard{i}@example.com");
            var enrollment = $"{Journey}:{customer}:1";
            var bounce = type == "bounce" ? """ ,"type":"bounce","reason":"550 5.1.1 no such user" """ : string.Empty;
            return $$"""{"email":"guard{{i}}@example.com","timestamp":{{at.ToUnixTimeSeconds()}},"event":"{{type}}"{{bounce}},"sg_event_id":"{{type}}-{{i}}","sg_message_id":"m{{i}}.f","idempotency_key":"{{enrollment}}:email-1:1","customer_key":"{{customer}}","enrollment_id":"{{enrollment}}","template_id":"winback-1"}""";
        });

    /// <summary>The API leaves out a reason that is not there.</summary>
    private static string? PauseReason(JsonElement journey) => journey.TryGetProperty("pauseReason", out var reason) ? reason.GetString() : null;

    private static async Task<JsonElement> JourneyAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/journeys")).EnumerateArray().Single(journey => journey.GetProperty("id").GetString() == Journey);

    private static async Task<string> DashboardAsync(ServerHost host)
    {
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("apiKey", TestSettings.ApiKey)]))).StatusCode);
        return await browser.GetStringAsync(new Uri($"/?journey={Journey}", UriKind.Relative));
    }

    /// <summary>Posts the events signed as SendGrid signs them, then applies the queued parts as the Server's listener does.</summary>
    private async Task PostAndApplyAsync(ServerHost host, IEnumerable<string> events)
    {
        var body = "[" + string.Join(",", events) + "]";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        Assert.Equal(HttpStatusCode.Accepted, (await host.CreateClient().SendAsync(request)).StatusCode);

        var queue = host.Storage.Queue(host.Storage.Names.EmailEventsQueueName);
        var handler = host.Services.GetRequiredService<EmailEventMessageHandler>();
        while ((await queue.ReceiveMessageAsync()).Value is { } message)
        {
            await handler.HandleAsync(message.Body.ToString(), default);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
