using System.Diagnostics;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Json;
using EcCrm.Core.Privacy;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Privacy;

/// <summary>
/// The <c>compliance</c> queue's consumer: carries out the Shopify compliance request the webhook queued, with the host's
/// <see cref="CustomerErasure"/> (it stops the customer's runs through that host's engine). A failure throws, so the
/// message is tried again and, after host.json's <c>maxDequeueCount</c>, moved to <c>compliance-poison</c> with the
/// reason; the delivery is recorded only once the request has been carried out, so every attempt does the whole of it.
/// </summary>
public sealed class ShopifyComplianceMessageHandler(ShopifyCompliance compliance, CustomerErasure erasure, QueuePayloads payloads) : IQueueMessageHandler
{
    public string QueueName => StorageNames.ComplianceQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        var payload = await payloads.OpenAsync(body, cancellationToken).ConfigureAwait(false);
        var (work, traceParent) = QueueTraceContext.Deserialize<ShopifyComplianceWork>(payload.Body, EcCrmJson.Options, "a compliance request");
        if (work.Problem() is { } problem)
        {
            throw new UnprocessableMessageException(problem);
        }

        // Continues the webhook's trace, so the request Shopify sent and the work it caused read as one.
        using var span = EcCrmTelemetry.StartFrom(EcCrmTelemetry.ComplianceCarryOutSpan, ActivityKind.Consumer, traceParent);
        span?.SetTag(EcCrmTelemetry.ComplianceTopicTag, work.Request.Topic);
        await compliance.CarryOutAsync(work, erasure, cancellationToken).ConfigureAwait(false);
        await payloads.CompleteAsync(payload, cancellationToken).ConfigureAwait(false);
    }
}
