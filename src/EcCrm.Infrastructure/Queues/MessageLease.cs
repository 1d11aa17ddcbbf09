using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Keeps a received message hidden while its handler runs: every third of the lease, its visibility is pushed one
/// lease further. Each renewal gives the message a new pop receipt, which the delete or release afterwards needs.
/// </summary>
internal sealed class MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, Action<Exception, string, string> renewFailed)
{
    public string PopReceipt { get; private set; } = message.PopReceipt;

    /// <summary>Renews the lease until <paramref name="work"/> ends, then returns (or throws) as the work did.</summary>
    public async Task HoldWhileAsync(Task work)
    {
        using var done = new CancellationTokenSource();
        var renewing = RenewAsync(done.Token);
        try
        {
            await work.ConfigureAwait(false);
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(CancellationToken done)
    {
        // Leases are plumbing, not business time: real time even under a scaled clock.
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(done).ConfigureAwait(false))
            {
                // Not cancelled half-way: a renewal the service applied but the client gave up on would leave an
                // unknown pop receipt, and the delete afterwards would fail.
                var renewed = await queue.UpdateMessageAsync(message.MessageId, PopReceipt, visibilityTimeout: lease, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                PopReceipt = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The work ended.
        }
        catch (RequestFailedException ex)
        {
            // The lease lapsed (a stalled process) and another listener may have the message: the work goes on, and
            // its effects are idempotent; the delete afterwards fails and is logged.
            renewFailed(ex, queue.Name, message.MessageId);
        }
    }
}
