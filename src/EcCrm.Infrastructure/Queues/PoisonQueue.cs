using Azure.Storage.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Reads and replays <c>&lt;queue&gt;-poison</c>: each replayed message goes back to its queue as it first arrived.
/// Poison messages never expire, and one too large for a queue message (a large body with its reason) goes by claim
/// check, so nothing that failed is ever dropped.
/// </summary>
public sealed class PoisonQueue(StorageClients storage)
{
    private readonly QueuePayloads payloads = new(storage);

    /// <summary>Puts a message that cannot be processed into the poison queue of <see cref="PoisonMessage.Queue"/> (a queue name without the storage prefix), with the reason.</summary>
    public async Task AddAsync(PoisonMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await payloads.SendAsync(PoisonClient(message.Queue), message.ToJson(), cancellationToken).ConfigureAwait(false);
    }

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
        var messages = new List<PoisonMessage>();
        foreach (var message in peeked.Value)
        {
            var payload = await OpenAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
            messages.Add(PoisonMessage.Parse(payload.Body, queueName, message.MessageId));
        }

        return (messages, properties.Value.ApproximateMessagesCount);
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
                var payload = await OpenAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
                var envelope = PoisonMessage.Parse(payload.Body, queueName, message.MessageId);
                if (messageId is not null && message.MessageId != messageId && envelope.MessageId != messageId)
                {
                    skipped.Add(message.MessageId); // stays hidden for the lease, so the scan moves on to other messages
                    continue;
                }

                await payloads.SendAsync(target, envelope.Body, cancellationToken).ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                await payloads.CompleteAsync(payload, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
        }
    }

    /// <summary>A poison message's text; one whose claim-checked body is gone is shown as it is, with the claim check.</summary>
    private async Task<QueuePayload> OpenAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            return await payloads.OpenAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (UnprocessableMessageException)
        {
            return new QueuePayload(message, null);
        }
    }

    private QueueClient PoisonClient(string queueName) => storage.Queue(StorageNames.PoisonOf(storage.Names.Queue(queueName)));
}
