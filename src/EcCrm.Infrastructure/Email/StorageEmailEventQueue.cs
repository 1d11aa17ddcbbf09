using Azure.Storage.Queues;
using EcCrm.Core.Messaging.Events;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// The <c>email-events</c> queue: a verified delivery as JSON arrays of whole events. A queue message holds 64 KiB
/// after Base64, so a large delivery is split into several. Messages never expire: the events confirm sends whose
/// outcome was unknown, however long an outage keeps them waiting.
/// </summary>
public sealed class StorageEmailEventQueue(StorageClients storage) : IEmailEventQueue
{
    /// <summary>The longest message body (<see cref="QueuePayloads.MaxInlineBytes"/>).</summary>
    public const int MaxMessageBytes = QueuePayloads.MaxInlineBytes;

    private readonly QueueClient queue = storage.Queue(storage.Names.EmailEventsQueueName);

    public async Task EnqueueAsync(ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
    {
        foreach (var part in SendGridEventBatch.Split(batch, MaxMessageBytes))
        {
            await queue.SendMessageAsync(part, visibilityTimeout: null, timeToLive: QueuePayloads.NeverExpires, cancellationToken).ConfigureAwait(false);
        }
    }
}
