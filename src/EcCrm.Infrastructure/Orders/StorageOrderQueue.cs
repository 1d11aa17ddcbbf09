using System.Text.Json;
using Azure.Storage.Queues;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Orders;

/// <summary>The <c>orders</c> queue: one canonical order per message, as JSON.</summary>
public sealed class StorageOrderQueue(StorageClients storage) : IOrderQueue
{
    private readonly QueueClient queue = storage.Queue(storage.Names.OrdersQueueName);

    public async Task EnqueueAsync(OrderRecord order, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(order, EcCrmJson.Options), cancellationToken).ConfigureAwait(false);
}
