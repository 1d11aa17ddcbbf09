using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;

namespace EcCrm.Core.Messaging;

/// <summary>
/// Applies <see cref="SendStateMachine"/> transitions to the stored ledger. Every write is conditional on the version
/// read: when another writer (a second attempt, the provider's event webhook) changed the row in between, the write
/// fails, the row is read again and the transition is applied to what it now says. Nothing is overwritten blindly and
/// no row is ever deleted.
/// </summary>
public sealed class SendLedger(ISendHistory history)
{
    /// <summary>Writes lost to other writers before giving up (each loss means someone else changed the row).</summary>
    public const int MaxConflicts = 16;

    public async Task<SendLedgerResult> ApplyAsync(CustomerKey customer, string idempotencyKey, SendTransition transition, CancellationToken cancellationToken) =>
        await ApplyAsync(customer, idempotencyKey, transition, await history.GetAsync(customer, idempotencyKey, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Applies <paramref name="transition"/> starting from <paramref name="current"/>, the row as last read (<c>null</c>: there was none).</summary>
    public async Task<SendLedgerResult> ApplyAsync(CustomerKey customer, string idempotencyKey, SendTransition transition, SendRecord? current, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            switch (SendStateMachine.Next(current, transition))
            {
                case SendStep.Keep:
                    return new SendLedgerResult(current, SendLedgerChange.Unchanged);
                case SendStep.Refuse:
                    return new SendLedgerResult(current, SendLedgerChange.Refused);
                case SendStep.Write write:
                    var stored = current is null
                        ? await history.TryAddAsync(write.Next, cancellationToken).ConfigureAwait(false)
                        : await history.TryReplaceAsync(write.Next, cancellationToken).ConfigureAwait(false);
                    if (stored is not null)
                    {
                        return new SendLedgerResult(stored, SendLedgerChange.Written);
                    }

                    break;
            }

            StorageConflicts.Record(StorageConflicts.Send);
            if (conflicts >= MaxConflicts)
            {
                throw new InvalidOperationException($"The ledger row of send {idempotencyKey} kept changing under {transition.GetType().Name}; try again.");
            }

            current = await history.GetAsync(customer, idempotencyKey, cancellationToken).ConfigureAwait(false);
        }
    }
}
