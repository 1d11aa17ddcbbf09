using Azure.Storage.Queues;
using EcCrm.Core.Messaging.Events;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// The <c>email-events</c> queue: a verified delivery as JSON arrays of whole events. A queue message holds 64 KiB
/// after Base64, so a large delivery is split into several.
/// </summary>
public sealed class StorageEmailEventQueue(StorageClients storage) : IEmailEventQueue
{
    /// <summary>The longest message body: 48 KiB of JSON is 64 KiB in Base64; this leaves room to spare.</summary>
    public const int MaxMessageBytes = 45_000;

    private readonly QueueClient queue = storage.Queue(storage.Names.EmailEventsQueueName);

    public async Task EnqueueAsync(ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
    {
        foreach (var part in SendGridEventBatch.Split(batch, MaxMessageBytes))
        {
            await queue.SendMessageAsync(part, cancellationToken).ConfigureAwait(false);
        }
    }
}
