using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using EcCrm.Core.Diagnostics;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Feeds one queue to its handler the way the Azure Functions queue trigger does: batches processed in parallel,
/// a new batch fetched at <c>newBatchThreshold</c>, polling that backs off to <c>maxPollingInterval</c>, a failed
/// message retried after <c>visibilityTimeout</c> and moved to <c>&lt;queue&gt;-poison</c>, with the reason, after
/// <c>maxDequeueCount</c> attempts. A message is deleted only after its handler succeeded. While its handler runs, a
/// message's lease is renewed, as the trigger does, so a short lease serves both ways: long work keeps its message,
/// and the messages of a process that died come back within one lease.
/// </summary>
public sealed partial class QueueListener(
    IQueueMessageHandler handler,
    StorageClients storage,
    QueueListenerOptions options,
    TimeProvider time,
    ILogger<QueueListener> logger,
    StorageReadiness? readiness = null) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueClient queue = storage.Queue(storage.Names.Queue(handler.QueueName));
    private readonly PoisonQueue poison = new(storage);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (readiness is not null)
        {
            await readiness.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        var inFlight = new List<Task>();
        var pollingInterval = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            if (inFlight.Count > options.NewBatchThreshold)
            {
                await Task.WhenAny(inFlight).ConfigureAwait(false);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(options.BatchSize, options.Lease, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException ex)
            {
                LogReceiveFailed(ex, queue.Name);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await WaitAsync(pollingInterval, inFlight, stoppingToken).ConfigureAwait(false);
                pollingInterval = TimeSpan.FromTicks(Math.Min(pollingInterval.Ticks * 2, Math.Max(options.MaxPollingInterval.Ticks, MinPollingInterval.Ticks)));
                continue;
            }

            pollingInterval = MinPollingInterval;
            inFlight.AddRange(messages.Select(message => Task.Run(() => ProcessAsync(message, stoppingToken), CancellationToken.None)));
        }

        // Let messages already taken finish (or fail back to the queue) before the host stops.
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        if (message.InsertedOn is { } inserted)
        {
            // The service stamps messages in real time: measure against real time, whatever the journeys' clock reads.
            EcCrmTelemetry.MessageAge(handler.QueueName, TimeProvider.System.GetUtcNow() - inserted);
        }

        if (message.DequeueCount > options.MaxDequeueCount)
        {
            // Taken before by a process that died while handling it: its errors are unknown, but the attempts are spent.
            await MoveToPoisonAsync(message, message.PopReceipt, $"Dequeued {message.DequeueCount} times without completing (limit {options.MaxDequeueCount}).").ConfigureAwait(false);
            return;
        }

        var lease = new MessageLease(queue, message, options.Lease, LogRenewFailed);
        try
        {
            await lease.HoldWhileAsync(handler.HandleAsync(message.Body.ToString(), stoppingToken)).ConfigureAwait(false);
            await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (UnprocessableMessageException ex)
        {
            await MoveToPoisonAsync(message, lease.PopReceipt, $"Unprocessable: {ex.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the message back at once, for another process or the next start.
            await TryReleaseAsync(message, lease.PopReceipt, TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, lease.PopReceipt, reason).ConfigureAwait(false);
            }
            else
            {
                LogRetry(ex, queue.Name, message.MessageId, message.DequeueCount, options.MaxDequeueCount);
                QueueRetries.Record(handler.QueueName);
                await TryReleaseAsync(message, lease.PopReceipt, options.VisibilityTimeout).ConfigureAwait(false);
            }
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, string reason)
    {
        var envelope = new PoisonMessage(handler.QueueName, reason, message.DequeueCount, time.GetUtcNow(), message.MessageId, message.Body.ToString());
        await poison.AddAsync(envelope, CancellationToken.None).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None).ConfigureAwait(false);
        EcCrmTelemetry.MessagePoisoned(handler.QueueName);
        LogPoisoned(queue.Name, message.MessageId, message.DequeueCount, LogText.WithoutAddresses(reason));
    }

    private async Task TryReleaseAsync(QueueMessage message, string popReceipt, TimeSpan after)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: after, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            // The lease may have lapsed; the message then reappears by itself.
            LogReleaseFailed(ex, queue.Name, message.MessageId);
        }
    }

    private static async Task WaitAsync(TimeSpan interval, List<Task> inFlight, CancellationToken stoppingToken)
    {
        try
        {
            // Polling is plumbing, not business time: real time even under a scaled clock.
            var delay = Task.Delay(interval, stoppingToken);
            await (inFlight.Count == 0 ? delay : Task.WhenAny(delay, Task.WhenAny(inFlight))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} failed (attempt {Attempt} of {MaxAttempts}); it will be retried")]
    private partial void LogRetry(Exception exception, string queue, string messageId, long attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} moved to the poison queue after {Attempts} attempts: {Reason}")]
    private partial void LogPoisoned(string queue, string messageId, long attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed; polling continues")]
    private partial void LogReceiveFailed(Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of message {MessageId} on {Queue}; another process may take it when the lease lapses")]
    private partial void LogRenewFailed(Exception exception, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not release message {MessageId} on {Queue} for retry")]
    private partial void LogReleaseFailed(Exception exception, string queue, string messageId);
}
