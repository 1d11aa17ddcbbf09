using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Privacy.Shopify;

/// <summary>
/// Shopify's mandatory compliance webhooks, all three on one URL, in two halves. <see cref="AcceptAsync"/> is the
/// webhook: it checks size and signature (as for Shopify's order webhooks, with the same secret) before reading
/// anything, picks the topic from <c>X-Shopify-Topic</c>, reads the payload and queues the request; that is all Shopify's
/// five seconds allow, as a shop's erasure can take minutes. <see cref="CarryOutAsync"/> is the queue's consumer: it
/// carries the request out with the export and erasure use cases:
/// <list type="bullet">
/// <item><c>customers/data_request</c>: the customer's export, prepared for the shop owner (<see cref="IPreparedExports"/>);</item>
/// <item><c>customers/redact</c>: erases the customer named by id or e-mail, the customers the listed orders are stored
/// under, and the listed orders stored without a customer;</item>
/// <item><c>shop/redact</c>: erases every customer and every order stored without one.</item>
/// </list>
/// The delivery id is recorded once the request is carried out, so a message retried after a failure does it again,
/// and a redelivery that arrives before then is queued again; every step is idempotent, so doing it twice is harmless.
/// </summary>
public sealed partial class ShopifyCompliance(
    IShopifyComplianceQueue queue,
    IWebhookReceipts receipts,
    IPersonalData data,
    CustomerExport export,
    IPreparedExports exports,
    IOptions<WebhookOptions> webhookOptions,
    TimeProvider time,
    CustomerKeys keys,
    ILogger<ShopifyCompliance> logger)
{
    /// <summary>The receipts' source for compliance deliveries (order deliveries are under <c>shopify</c>).</summary>
    public const string ReceiptSource = "shopify-compliance";

    /// <summary>True when Shopify webhooks are enabled; hosts ask before reading a body.</summary>
    public bool Accepts => webhookOptions.Value.Shopify is { Enabled: true, Secret: not null };

    /// <summary>Checks the delivery and queues it to be carried out; nothing of the request is done here.</summary>
    public async Task<ShopifyComplianceOutcome> AcceptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var options = webhookOptions.Value;
        if (options.Shopify is not { Enabled: true, Secret: { } secret })
        {
            return new ShopifyComplianceOutcome.NotEnabled();
        }

        if (delivery.Body.Length > options.MaxBodyBytes)
        {
            return new ShopifyComplianceOutcome.TooLarge(options.MaxBodyBytes);
        }

        if (!WebhookSignatures.VerifyBase64(secret, delivery.Body.Span, delivery.Header(WebhookHeaders.ShopifyHmac)))
        {
            LogRefused();
            return new ShopifyComplianceOutcome.Unauthorized($"{WebhookHeaders.ShopifyHmac} is missing or does not match the body.");
        }

        var topic = delivery.Header(WebhookHeaders.ShopifyTopic)?.Trim();
        if (topic is null || !ShopifyComplianceTopics.All.Contains(topic))
        {
            return new ShopifyComplianceOutcome.UnknownTopic(topic);
        }

        var mapping = Read(delivery.Body, topic);
        if (mapping.Request is not { } request)
        {
            LogInvalid(topic, mapping.Errors.Count);
            return new ShopifyComplianceOutcome.Invalid(mapping.Errors);
        }

        if (options.Shopify.ShopDomain is { Length: > 0 } ours && !string.Equals(ours.Trim(), request.ShopDomain, StringComparison.OrdinalIgnoreCase))
        {
            LogOtherShop(topic);
            return new ShopifyComplianceOutcome.Ignored(
                $"The request is for another shop than {WebhookOptions.SectionName}:Shopify:ShopDomain; EcCrm holds nothing of it.");
        }

        var deliveryId = delivery.Header(WebhookHeaders.ShopifyWebhookId);
        if (deliveryId is not null && await receipts.HasSeenAsync(ReceiptSource, deliveryId, cancellationToken).ConfigureAwait(false))
        {
            return new ShopifyComplianceOutcome.Duplicate(deliveryId);
        }

        await queue.EnqueueAsync(new ShopifyComplianceWork(request, deliveryId, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        LogQueued(topic, deliveryId ?? "(none)");
        return new ShopifyComplianceOutcome.Queued(topic, deliveryId);
    }

    /// <summary>
    /// Carries out a queued request, then records its delivery id. <paramref name="erasure"/> is the host's (it stops
    /// runs through the host's engine client). A request whose delivery id is already recorded (a redelivery queued while
    /// the first copy was waiting) is not done again.
    /// </summary>
    public async Task<ShopifyComplianceOutcome> CarryOutAsync(ShopifyComplianceWork work, CustomerErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(erasure);
        if (work.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(work));
        }

        var request = work.Request;
        if (work.DeliveryId is { } seen && await receipts.HasSeenAsync(ReceiptSource, seen, cancellationToken).ConfigureAwait(false))
        {
            return new ShopifyComplianceOutcome.Duplicate(seen);
        }

        var outcome = request.Topic switch
        {
            ShopifyComplianceTopics.CustomersDataRequest => await PrepareExportAsync(work, cancellationToken).ConfigureAwait(false),
            ShopifyComplianceTopics.CustomersRedact => await RedactCustomerAsync(request, erasure, cancellationToken).ConfigureAwait(false),
            _ => await RedactShopAsync(erasure, cancellationToken).ConfigureAwait(false),
        };

        if (work.DeliveryId is { } deliveryId)
        {
            await receipts.RecordAsync(ReceiptSource, deliveryId, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task<ShopifyComplianceOutcome> PrepareExportAsync(ShopifyComplianceWork work, CancellationToken cancellationToken)
    {
        // Named by Shopify's request id, so a redelivery or a retried message replaces the same export instead of adding another.
        var request = work.Request;
        var name = "shopify-" + (request.DataRequestId ?? work.DeliveryId ?? work.ReceivedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        var prepared = new List<string>();
        foreach (var customer in await CustomersAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (await export.ExportAsync(customer, cancellationToken).ConfigureAwait(false) is { } document)
            {
                prepared.Add(await exports.SaveAsync(customer, name, document, cancellationToken).ConfigureAwait(false));
            }
        }

        LogPrepared(prepared.Count);
        return new ShopifyComplianceOutcome.Prepared(prepared);
    }

    private async Task<ShopifyComplianceOutcome> RedactCustomerAsync(ShopifyComplianceRequest request, CustomerErasure erasure, CancellationToken cancellationToken)
    {
        var erased = await EraseAsync(await CustomersAsync(request, cancellationToken).ConfigureAwait(false), erasure, cancellationToken).ConfigureAwait(false);
        var guestOrders = await data.DeleteGuestOrdersAsync(OrderSource.Shopify, request.OrderIds, cancellationToken).ConfigureAwait(false);
        LogErased(request.Topic, erased.Customers, erased.Orders + guestOrders);
        return new ShopifyComplianceOutcome.Erased(request.Topic, erased.Customers, erased.Orders + guestOrders, erased.RunsNotPurged);
    }

    private async Task<ShopifyComplianceOutcome> RedactShopAsync(CustomerErasure erasure, CancellationToken cancellationToken)
    {
        var erased = await EraseAsync(await data.ListCustomersAsync(cancellationToken).ConfigureAwait(false), erasure, cancellationToken).ConfigureAwait(false);
        var guestOrders = await data.DeleteAllGuestOrdersAsync(cancellationToken).ConfigureAwait(false);
        LogErased(ShopifyComplianceTopics.ShopRedact, erased.Customers, erased.Orders + guestOrders);
        return new ShopifyComplianceOutcome.Erased(ShopifyComplianceTopics.ShopRedact, erased.Customers, erased.Orders + guestOrders, erased.RunsNotPurged);
    }

    /// <summary>The customer's own keys, and the customers the listed orders are stored under (the same person under an older address).</summary>
    private async Task<IReadOnlyList<CustomerKey>> CustomersAsync(ShopifyComplianceRequest request, CancellationToken cancellationToken)
    {
        var owners = request.OrderIds.Count == 0
            ? []
            : await data.FindOrderOwnersAsync(OrderSource.Shopify, request.OrderIds, cancellationToken).ConfigureAwait(false);
        return [.. request.KeysUnder(keys).Concat(owners).Distinct()];
    }

    private static async Task<(int Customers, int Orders, int RunsNotPurged)> EraseAsync(IReadOnlyList<CustomerKey> keys, CustomerErasure erasure, CancellationToken cancellationToken)
    {
        int erased = 0, orders = 0, notPurged = 0;
        foreach (var key in keys)
        {
            if (await erasure.EraseAsync(key, cancellationToken).ConfigureAwait(false) is { } report)
            {
                erased++;
                orders += report.Orders;
                notPurged += report.RunsNotPurged;
            }
        }

        return (erased, orders, notPurged);
    }

    private static ShopifyComplianceMapping Read(ReadOnlyMemory<byte> body, string topic)
    {
        if (body.IsEmpty)
        {
            return new(null, [new PayloadError("$", "is required: Shopify sends a JSON object")]);
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return ShopifyComplianceMapper.Map(document.RootElement, topic);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return new(null, [new PayloadError("$", $"is not valid JSON{where}: {ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ')}.")]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Shopify compliance webhook: the signature is missing or does not match")]
    private partial void LogRefused();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected Shopify {Topic} with {ErrorCount} payload errors")]
    private partial void LogInvalid(string topic, int errorCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored Shopify {Topic} for another shop")]
    private partial void LogOtherShop(string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued Shopify {Topic} (delivery {DeliveryId}) to be carried out")]
    private partial void LogQueued(string topic, string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify customers/data_request: prepared {Exports} exports")]
    private partial void LogPrepared(int exports);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify {Topic}: erased {Customers} customers and {Orders} orders")]
    private partial void LogErased(string topic, int customers, int orders);
}
