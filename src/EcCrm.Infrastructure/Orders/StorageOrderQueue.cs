using System.Text.Json;
using Azure.Storage.Queues;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Orders;

/// <summary>
/// The <c>orders</c> queue: one canonical order per message, as JSON, never expiring. An order too large for a queue
/// message (hundreds of lines) goes by claim check in Blob storage (<see cref="QueuePayloads"/>).
/// </summary>
public sealed class StorageOrderQueue(StorageClients storage, QueuePayloads payloads) : IOrderQueue
{
    private readonly QueueClient queue = storage.Queue(storage.Names.OrdersQueueName);

    public Task EnqueueAsync(OrderRecord order, CancellationToken cancellationToken) =>
        payloads.SendAsync(queue, JsonSerializer.Serialize(order, EcCrmJson.Options), cancellationToken);
}
