namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Runs one message of a queue-triggered function through its handler. A message that can never succeed goes to the
/// poison queue at once with the reason; any other failure propagates, so the runtime retries the message and moves
/// it to the poison queue after host.json's <c>maxDequeueCount</c>.
/// </summary>
public sealed class QueueMessageRunner(PoisonQueue poison, TimeProvider time)
{
    public async Task RunAsync(IQueueMessageHandler handler, string body, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            await handler.HandleAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (UnprocessableMessageException ex)
        {
            await poison.AddAsync(new PoisonMessage(handler.QueueName, $"Unprocessable: {ex.Message}", dequeueCount, time.GetUtcNow(), messageId, body), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
