using System.Diagnostics;
using Azure.Storage.Queues;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Orders;

/// <summary>
/// The <c>orders</c> queue: one canonical order per message, as JSON with the sender's <c>traceparent</c>
/// (<see cref="QueueTraceContext"/>), never expiring. An order too large for a queue
/// message (hundreds of lines) goes by claim check in Blob storage (<see cref="QueuePayloads"/>).
/// </summary>
public sealed class StorageOrderQueue(StorageClients storage, QueuePayloads payloads) : IOrderQueue
{
    private readonly QueueClient queue = storage.Queue(storage.Names.OrdersQueueName);

    public async Task EnqueueAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        using var span = EcCrmTelemetry.Source.StartActivity(EcCrmTelemetry.OrderEnqueueSpan, ActivityKind.Producer);
        span?.SetTag(EcCrmTelemetry.SourceTag, order.Source.ToString());
        await payloads.SendAsync(queue, QueueTraceContext.Serialize(order, EcCrmJson.Options), cancellationToken).ConfigureAwait(false);
    }
}
