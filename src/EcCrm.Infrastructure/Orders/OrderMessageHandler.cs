using System.Diagnostics;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Orders;

/// <summary>
/// The <c>orders</c> queue's consumer: ingests the canonical order, then tells journeys about it, in a span that
/// continues the trace of the webhook that queued it. An order that came
/// by claim check is read from its blob, and the blob is removed once the order has been ingested.
/// </summary>
public sealed class OrderMessageHandler(OrderIngestion ingestion, OrderJourneyTriggers journeys, QueuePayloads payloads) : IQueueMessageHandler
{
    public string QueueName => StorageNames.OrdersQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        var payload = await payloads.OpenAsync(body, cancellationToken).ConfigureAwait(false);
        var (order, traceParent) = QueueTraceContext.Deserialize<OrderRecord>(payload.Body, EcCrmJson.Options, "a canonical order");
        using var span = EcCrmTelemetry.StartFrom(EcCrmTelemetry.OrderIngestSpan, ActivityKind.Consumer, traceParent);
        span?.SetTag(EcCrmTelemetry.SourceTag, order.Source.ToString());
        var result = await ingestion.IngestAsync(order, cancellationToken).ConfigureAwait(false);
        await journeys.OnIngestedAsync(result, cancellationToken).ConfigureAwait(false);
        await payloads.CompleteAsync(payload, cancellationToken).ConfigureAwait(false);
    }
}
