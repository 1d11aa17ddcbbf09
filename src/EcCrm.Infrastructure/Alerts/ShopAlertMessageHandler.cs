using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcCrm.Core.Alerts;
using EcCrm.Core.Json;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Alerts;

/// <summary>
/// The <c>shop-alerts</c> queue's consumer: POSTs the alert as JSON to <see cref="ShopAlertOptions.WebhookUrl"/>, signed as
/// EcCrm's generic webhooks are (<c>X-EcCrm-Signature</c>), with the alert id in <c>X-EcCrm-Alert-Id</c> so the shop can
/// recognise a repeated delivery. A 2xx answer completes it; anything else throws, so the queue tries again and, after
/// host.json's <c>maxDequeueCount</c>, moves it to <c>shop-alerts-poison</c> with the reason.
/// </summary>
public sealed partial class ShopAlertMessageHandler(
    IHttpClientFactory clients, QueuePayloads payloads, IOptions<ShopAlertOptions> options, TimeProvider time, ILogger<ShopAlertMessageHandler> logger) : IQueueMessageHandler
{
    public const string HttpClientName = "shop-alerts";
    public const string SignatureHeader = "X-EcCrm-Signature";
    public const string AlertIdHeader = "X-EcCrm-Alert-Id";

    public string QueueName => StorageNames.ShopAlertsQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        var payload = await payloads.OpenAsync(body, cancellationToken).ConfigureAwait(false);
        ShopAlert? alert;
        try
        {
            alert = JsonSerializer.Deserialize<ShopAlert>(payload.Body, EcCrmJson.Options);
        }
        catch (JsonException ex)
        {
            throw new UnprocessableMessageException($"The message is not a shop alert: {ex.Message}", ex);
        }

        if (alert is null)
        {
            throw new UnprocessableMessageException("The message holds no alert.");
        }

        var settings = options.Value;
        if (settings.WebhookUrl is not { } url)
        {
            LogNoWebhook(logger, alert.AlertId);
        }
        else
        {
            var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(alert, EcCrmJson.Options));
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(json) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(AlertIdHeader, alert.AlertId);
            if (!string.IsNullOrEmpty(settings.SigningSecret))
            {
                request.Headers.Add(SignatureHeader, WebhookSignatures.SignTimestamped(settings.SigningSecret, json, time.GetUtcNow()));
            }

            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The shop's alert webhook answered {(int)response.StatusCode} for alert {alert.AlertId}.", null, response.StatusCode);
            }

            LogDelivered(logger, alert.AlertId, (int)response.StatusCode);
        }

        await payloads.CompleteAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: no ShopAlerts:WebhookUrl is set, so it is not delivered")]
    private static partial void LogNoWebhook(ILogger logger, string alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} delivered to the shop's webhook ({Status})")]
    private static partial void LogDelivered(ILogger logger, string alertId, int status);
}
