using System.Text.Json;
using Azure.Storage.Queues;
using EcCrm.Core.Json;
using EcCrm.Core.Tracking;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Tracking;

/// <summary>
/// The <c>tracked-events</c> queue: one accepted request per message, as <c>{ "events": [ … ] }</c> in EcCrm's JSON, never
/// expiring; a batch too large for a message goes by claim check (<see cref="QueuePayloads"/>).
/// </summary>
public sealed class StorageTrackedEventQueue(StorageClients storage, QueuePayloads payloads) : ITrackedEventQueue
{
    private readonly QueueClient queue = storage.Queue(storage.Names.TrackedEventsQueueName);

    public Task EnqueueAsync(IReadOnlyList<TrackedEvent> events, CancellationToken cancellationToken) =>
        payloads.SendAsync(queue, JsonSerializer.Serialize(new TrackedEventBatch(events), EcCrmJson.Options), cancellationToken);
}
