using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Functions.Email;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Functions.Tests;

/// <summary>SendGrid's event webhook, the email-events queue and the unsubscribe link as Functions, on Azurite.</summary>
public sealed class EmailFunctionsTests : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task ASignedEventBatchIsQueuedAndTheQueueFunctionAppliesIt()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow, new Dictionary<string, string?>
        {
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });
        var functions = ActivatorUtilities.CreateInstance<EmailFunctions>(services.Provider);
        var body = """[{"email":"gone@example.com","timestamp":1763870200,"event":"bounce","type":"bounce","reason":"550 5.1.1 no such user","sg_event_id":"b1","sg_message_id":"m2.f"}]""";
        var request = await FunctionHttp.RequestAsync(Signed(body), services);

        var (status, _) = await FunctionHttp.ExecuteAsync(await functions.EventsAsync(request, default), request);

        Assert.Equal(202, status);
        var queue = services.Storage.Queue(services.Storage.Names.EmailEventsQueueName);
        var message = (await queue.ReceiveMessageAsync()).Value;
        await ActivatorUtilities.CreateInstance<EmailEventQueueFunction>(services.Provider).RunAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn!.Value, default);
        var suppression = Assert.Single(await services.Get<ISuppressionList>().GetAsync("gone@example.com", default));
        Assert.Equal(SuppressionKind.Bounced, suppression.Kind);
    }

    [Fact]
    public async Task AnUnsignedEventBatchGets401()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow, new Dictionary<string, string?>
        {
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });
        var functions = ActivatorUtilities.CreateInstance<EmailFunctions>(services.Provider);
        var request = await FunctionHttp.RequestAsync(
            new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent("[]", Encoding.UTF8, "application/json") }, services);

        var (status, _) = await FunctionHttp.ExecuteAsync(await functions.EventsAsync(request, default), request);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task TheUnsubscribeLinkShowsAConfirmationAndItsFormSuppressesTheAddress()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);
        await services.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("ren-1", "ren@example.jp", DateTimeOffset.UtcNow), default);
        var token = services.Get<UnsubscribeTokens>().Create(TestKeys.ForEmail("ren@example.jp"), group: null);
        var functions = ActivatorUtilities.CreateInstance<EmailFunctions>(services.Provider);

        var page = await FunctionHttp.RequestAsync(new HttpRequestMessage(HttpMethod.Get, $"/unsubscribe?token={token}"), services);
        var (pageStatus, html) = await FunctionHttp.ExecuteAsync(functions.ConfirmPage(page), page);
        Assert.Equal(200, pageStatus);
        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.Empty(await services.Get<ISuppressionList>().GetAsync("ren@example.jp", default));

        var form = new HttpRequestMessage(HttpMethod.Post, "/unsubscribe") { Content = new FormUrlEncodedContent([new("token", token)]) };
        var post = await FunctionHttp.RequestAsync(form, services);
        var (postStatus, _) = await FunctionHttp.ExecuteAsync(await functions.UnsubscribeAsync(post, default), post);

        Assert.Equal(200, postStatus);
        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(await services.Get<ISuppressionList>().GetAsync("ren@example.jp", default)).Kind);
    }

    public void Dispose() => key.Dispose();

    private HttpRequestMessage Signed(string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return request;
    }
}
