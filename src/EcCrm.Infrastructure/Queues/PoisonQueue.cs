using Azure.Storage.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Queues;

/// <summary>Reads and replays <c>&lt;queue&gt;-poison</c>: each replayed message goes back to its queue as it first arrived.</summary>
public sealed class PoisonQueue(StorageClients storage)
{
    /// <summary>Puts a message that cannot be processed into the poison queue of <see cref="PoisonMessage.Queue"/> (a queue name without the storage prefix), with the reason.</summary>
    public async Task AddAsync(PoisonMessage message, CancellationToken cancellationToken) =>
        await PoisonClient(message.Queue).SendMessageAsync(message.ToJson(), cancellationToken).ConfigureAwait(false);

    /// <summary>Peeks at up to 32 poison messages of a queue (the storage service's peek limit), oldest first.</summary>
    public async Task<(IReadOnlyList<PoisonMessage> Messages, int ApproximateCount)> PeekAsync(string queueName, CancellationToken cancellationToken)
    {
        var poison = PoisonClient(queueName);
        if (!await poison.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return ([], 0);
        }

        var properties = await poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        var peeked = await poison.PeekMessagesAsync(32, cancellationToken).ConfigureAwait(false);
        return ([.. peeked.Value.Select(message => PoisonMessage.Parse(message.Body.ToString(), queueName, message.MessageId))],
            properties.Value.ApproximateMessagesCount);
    }

    /// <summary>Moves poison messages back to their queue; with <paramref name="messageId"/>, only that one.</summary>
    /// <returns>How many messages were replayed.</returns>
    public async Task<int> ReplayAsync(string queueName, string? messageId, CancellationToken cancellationToken)
    {
        var poison = PoisonClient(queueName);
        var target = storage.Queue(storage.Names.Queue(queueName));
        if (!await poison.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var replayed = 0;
        var skipped = new HashSet<string>();
        while (true)
        {
            // Messages taken but not replayed reappear after this short lease.
            var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)).Value;
            var fresh = batch.Where(message => !skipped.Contains(message.MessageId)).ToList();
            if (fresh.Count == 0)
            {
                return replayed;
            }

            foreach (var message in fresh)
            {
                var envelope = PoisonMessage.Parse(message.Body.ToString(), queueName, message.MessageId);
                if (messageId is not null && message.MessageId != messageId && envelope.MessageId != messageId)
                {
                    skipped.Add(message.MessageId); // stays hidden for the lease, so the scan moves on to other messages
                    continue;
                }

                await target.SendMessageAsync(envelope.Body, cancellationToken).ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
        }
    }

    private QueueClient PoisonClient(string queueName) => storage.Queue(StorageNames.PoisonOf(storage.Names.Queue(queueName)));
}
