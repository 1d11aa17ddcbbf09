using System.Net;
using System.Text;
using System.Text.Json;
using EcCrm.Core.Alerts;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Alerts;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Surveys;

/// <summary>
/// Alerts to the shop's webhook go through the <c>shop-alerts</c> queue on the Server's listener: signed, with the alert
/// id, retried when the shop's endpoint fails, and moved to <c>shop-alerts-poison</c> with the reason when it keeps failing.
/// </summary>
public class ShopAlertDeliveryTests
{
    private const string Secret = "shop-alert-secret-0123456789";

    private static ShopAlert Alert(string id) => new()
    {
        AlertId = id,
        JourneyId = "post-purchase-nps",
        EnrollmentId = $"post-purchase-nps:{TestKeys.ForEmail("sora@example.jp")}:1",
        Customer = TestKeys.ForEmail("sora@example.jp"),
        Email = "sora@example.jp",
        Survey = "ask",
        Answer = "3",
        Comment = "Late and cold.",
        At = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task AnAlertIsPostedSignedWithItsIdAndTriedAgainWhenTheShopFailsOnce()
    {
        await using var receiver = new AlertReceiver(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        await using var host = new ServerHost(new Dictionary<string, string?> { ["ShopAlerts:WebhookUrl"] = receiver.Url.ToString(), ["ShopAlerts:SigningSecret"] = Secret });

        await host.Services.GetRequiredService<IShopAlertQueue>().EnqueueAsync(Alert("alert-1"), CancellationToken.None);

        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Requests.Count(request => request.Answered == HttpStatusCode.OK)), count => count == 1, TimeSpan.FromSeconds(30), "the second delivery is accepted");
        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Equal("alert-1", request.Headers[ShopAlertMessageHandler.AlertIdHeader]));
        var accepted = requests[1];
        Assert.Equal(
            TimestampedSignatureCheck.Valid,
            WebhookSignatures.VerifyTimestamped(Secret, Encoding.UTF8.GetBytes(accepted.Body), accepted.Headers[ShopAlertMessageHandler.SignatureHeader], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(accepted.Body);
        Assert.Equal("3", body.RootElement.GetProperty("answer").GetString());
        Assert.Equal("Late and cold.", body.RootElement.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task AnAlertTheShopKeepsRefusingGoesToThePoisonQueueWithTheReason()
    {
        await using var receiver = new AlertReceiver(HttpStatusCode.ServiceUnavailable);
        await using var host = new ServerHost(new Dictionary<string, string?> { ["ShopAlerts:WebhookUrl"] = receiver.Url.ToString(), ["ShopAlerts:SigningSecret"] = Secret });

        await host.Services.GetRequiredService<IShopAlertQueue>().EnqueueAsync(Alert("alert-2"), CancellationToken.None);

        var poison = host.Services.GetRequiredService<PoisonQueue>();
        var (messages, _) = await Eventually.ReturnsAsync(() => poison.PeekAsync(StorageNames.ShopAlertsQueue, CancellationToken.None), found => found.Messages.Count == 1, TimeSpan.FromSeconds(30), "the alert should end in the poison queue");
        Assert.Contains("503", Assert.Single(messages).Reason, StringComparison.Ordinal);
        Assert.True(receiver.Requests.Count >= 2, "it was tried more than once");
        Assert.All(receiver.Requests, request => Assert.Equal("alert-2", request.Headers[ShopAlertMessageHandler.AlertIdHeader]));
    }
}
