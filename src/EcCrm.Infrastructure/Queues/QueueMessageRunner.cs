using EcCrm.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Runs one message of a queue-triggered function through its handler. A message that can never succeed goes to the
/// poison queue at once with the reason. Any other failure propagates, so the runtime retries the message, until the
/// last attempt (host.json's <c>maxDequeueCount</c>): then the message is moved here, with its reason and never to
/// expire, rather than left for the runtime to move as a bare body that expires with the queue's default of seven days.
/// </summary>
public sealed partial class QueueMessageRunner(PoisonQueue poison, TimeProvider time, QueueListenerOptions options, ILogger<QueueMessageRunner> logger)
{
    /// <param name="insertedAt">When the message was put on its queue (the trigger's <c>insertionTime</c>): its wait is recorded as the queue's age.</param>
    public async Task RunAsync(IQueueMessageHandler handler, string body, string messageId, long dequeueCount, DateTimeOffset insertedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        EcCrmTelemetry.MessageAge(handler.QueueName, time.GetUtcNow() - insertedAt);
        string reason;
        try
        {
            await handler.HandleAsync(body, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (UnprocessableMessageException ex)
        {
            reason = $"Unprocessable: {ex.Message}";
        }
        catch (Exception ex) when (dequeueCount >= options.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
        }

        await poison.AddAsync(new PoisonMessage(handler.QueueName, reason, dequeueCount, time.GetUtcNow(), messageId, body), cancellationToken).ConfigureAwait(false);
        EcCrmTelemetry.MessagePoisoned(handler.QueueName);
        LogPoisoned(handler.QueueName, messageId, dequeueCount, LogText.WithoutAddresses(reason));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} moved to the poison queue after {Attempts} attempts: {Reason}")]
    private partial void LogPoisoned(string queue, string messageId, long attempts, string reason);
}
