using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Webhooks.Mapping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Webhooks;

/// <summary>
/// Accepts an order webhook: checks size and signature before reading anything, maps the payload to the
/// canonical order and queues it, the one storage call an accepted delivery makes. A platform's retry of a delivery is
/// queued again: ingestion stores each order once by (source, order id) and keeps the newest version, so a retry counts
/// once. Recognising retries here would cost two storage calls on every delivery (read, then record the delivery id) to
/// spare ingestion the rare retry.
/// </summary>
public sealed partial class OrderWebhookIntake(
    IOrderQueue queue,
    IOptions<WebhookOptions> webhookOptions,
    IOptions<ShopOptions> shopOptions,
    TimeProvider time,
    CustomerKeys keys,
    ILogger<OrderWebhookIntake> logger)
{
    private static readonly HashSet<string> ShopifyOrderTopics = ["orders/create", "orders/paid", "orders/updated", "orders/cancelled"];
    private static readonly HashSet<string> WooCommerceOrderTopics = ["order.created", "order.updated", "order.restored"];

    /// <summary>True for a known, enabled source; hosts ask before reading a body.</summary>
    public bool Accepts(string source) => webhookOptions.Value.For(source) is { Enabled: true, Secret: not null };

    public async Task<WebhookOutcome> AcceptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var options = webhookOptions.Value;
        if (options.For(delivery.Source) is not { Enabled: true, Secret: { } secret })
        {
            return new WebhookOutcome.UnknownSource(delivery.Source);
        }

        if (delivery.Body.Length > options.MaxBodyBytes)
        {
            return new WebhookOutcome.TooLarge(options.MaxBodyBytes);
        }

        var check = delivery.Source switch
        {
            OrderWebhookSources.Shopify => CheckShopify(delivery, secret),
            OrderWebhookSources.WooCommerce => CheckWooCommerce(delivery, secret),
            _ => CheckGeneric(delivery, secret, options.ReplayWindow),
        };
        if (check.Outcome is { } early)
        {
            LogRefused(delivery.Source, early.GetType().Name);
            return early;
        }

        if (Parse(delivery.Body) is not { } payload)
        {
            return new WebhookOutcome.Invalid([new PayloadError("$", "is not a JSON document")]);
        }

        using (payload.Document)
        {
            if (payload.Error is { } syntaxError)
            {
                return new WebhookOutcome.Invalid([syntaxError]);
            }

            var mapped = delivery.Source switch
            {
                OrderWebhookSources.Shopify => ShopifyOrderMapper.Map(payload.Document!.RootElement, check.Topic),
                OrderWebhookSources.WooCommerce => WooCommerceOrderMapper.Map(payload.Document!.RootElement, shopOptions.Value.TimeZone),
                _ => GenericOrderMapper.Map(payload.Document!.RootElement),
            };
            if (!mapped.Succeeded)
            {
                LogInvalid(delivery.Source, mapped.Errors.Count);
                return new WebhookOutcome.Invalid(mapped.Errors);
            }

            return await QueueAsync(delivery.Source, check.DeliveryId, mapped.Order!, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<WebhookOutcome> QueueAsync(string source, string? deliveryId, OrderRecord order, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(order, cancellationToken).ConfigureAwait(false);
        var customer = keys.ForOrder(order);
        LogAccepted(source, order.OrderId, deliveryId ?? "(none)", customer?.Value ?? "(no customer)");
        return new WebhookOutcome.Accepted(order.OrderId, customer);
    }

    private static SignatureCheck CheckShopify(WebhookDelivery delivery, string secret)
    {
        if (!WebhookSignatures.VerifyBase64(secret, delivery.Body.Span, delivery.Header(WebhookHeaders.ShopifyHmac)))
        {
            return new(new WebhookOutcome.Unauthorized($"{WebhookHeaders.ShopifyHmac} is missing or does not match the body."));
        }

        var topic = delivery.Header(WebhookHeaders.ShopifyTopic);
        return topic is null || ShopifyOrderTopics.Contains(topic)
            ? new(null, topic, delivery.Header(WebhookHeaders.ShopifyWebhookId))
            : new(new WebhookOutcome.Ignored($"Topic '{topic}' is not an order topic EcCrm reads ({string.Join(", ", ShopifyOrderTopics)})."));
    }

    private static SignatureCheck CheckWooCommerce(WebhookDelivery delivery, string secret)
    {
        // When a webhook is saved, WooCommerce pings it with the form body "webhook_id=<id>": answer 200 so it stays active.
        if (delivery.Body.Span.StartsWith("webhook_id="u8))
        {
            return new(new WebhookOutcome.Ignored("WooCommerce ping."));
        }

        if (!WebhookSignatures.VerifyBase64(secret, delivery.Body.Span, delivery.Header(WebhookHeaders.WooCommerceSignature)))
        {
            return new(new WebhookOutcome.Unauthorized($"{WebhookHeaders.WooCommerceSignature} is missing or does not match the body."));
        }

        var topic = delivery.Header(WebhookHeaders.WooCommerceTopic);
        return topic is null || WooCommerceOrderTopics.Contains(topic)
            ? new(null, topic, delivery.Header(WebhookHeaders.WooCommerceDeliveryId))
            : new(new WebhookOutcome.Ignored($"Topic '{topic}' is not an order topic EcCrm reads ({string.Join(", ", WooCommerceOrderTopics)})."));
    }

    private SignatureCheck CheckGeneric(WebhookDelivery delivery, string secret, TimeSpan replayWindow)
    {
        var header = delivery.Header(WebhookHeaders.GenericSignature);
        return WebhookSignatures.VerifyTimestamped(secret, delivery.Body.Span, header, time.GetUtcNow(), replayWindow) switch
        {
            TimestampedSignatureCheck.Valid => new(null, null, delivery.Header(WebhookHeaders.GenericDeliveryId)),
            TimestampedSignatureCheck.Missing => Refuse($"{WebhookHeaders.GenericSignature} is missing."),
            TimestampedSignatureCheck.Malformed => Refuse($"{WebhookHeaders.GenericSignature} must read t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">."),
            TimestampedSignatureCheck.OutsideReplayWindow => Refuse($"The signed timestamp is more than {replayWindow.TotalMinutes:0} minutes from now; sign each delivery when sending it."),
            _ => Refuse($"{WebhookHeaders.GenericSignature} does not match the body."),
        };

        static SignatureCheck Refuse(string reason) => new(new WebhookOutcome.Unauthorized(reason));
    }

    private static ParsedPayload? Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return new ParsedPayload(JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 }), null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            var reason = ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            return new ParsedPayload(null, new PayloadError("$", $"is not valid JSON{where}: {reason}."));
        }
    }

    private sealed record SignatureCheck(WebhookOutcome? Outcome, string? Topic = null, string? DeliveryId = null);

    private sealed record ParsedPayload(JsonDocument? Document, PayloadError? Error) : IDisposable
    {
        public void Dispose() => Document?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {Source} order {OrderId} (delivery {DeliveryId}) for customer {CustomerKey}")]
    private partial void LogAccepted(string source, string orderId, string deliveryId, string customerKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Source} webhook: {Outcome}")]
    private partial void LogRefused(string source, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Source} webhook with {ErrorCount} payload errors")]
    private partial void LogInvalid(string source, int errorCount);
}
