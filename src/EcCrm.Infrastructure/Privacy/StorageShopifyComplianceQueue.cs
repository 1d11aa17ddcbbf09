using Azure.Storage.Queues;
using EcCrm.Core.Json;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Privacy;

/// <summary>
/// The <c>compliance</c> queue: one verified Shopify compliance request per message, as JSON with the sender's
/// <c>traceparent</c>, never expiring. A request listing more orders than a message holds goes by claim check in Blob
/// storage (<see cref="QueuePayloads"/>), as a large order does.
/// </summary>
public sealed class StorageShopifyComplianceQueue(StorageClients storage, QueuePayloads payloads) : IShopifyComplianceQueue
{
    private readonly QueueClient queue = storage.Queue(storage.Names.ComplianceQueueName);

    public Task EnqueueAsync(ShopifyComplianceWork work, CancellationToken cancellationToken) =>
        payloads.SendAsync(queue, QueueTraceContext.Serialize(work, EcCrmJson.Options), cancellationToken);
}
