using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging;

/// <summary>
/// The send ledger's storage: one row per idempotency key. Rows are added or replaced conditionally, never upserted or
/// deleted; <see cref="SendLedger"/> decides what to write.
/// </summary>
public interface ISendHistory
{
    /// <summary>The row with its <see cref="SendRecord.Version"/>, or <c>null</c>.</summary>
    Task<SendRecord?> GetAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Adds the row; <c>null</c> when a row with its key exists already. Returns the stored row with its version.</summary>
    Task<SendRecord?> TryAddAsync(SendRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row if it is still at <see cref="SendRecord.Version"/>; <c>null</c> when another writer changed it
    /// since. Returns the stored row with its new version.
    /// </summary>
    Task<SendRecord?> TryReplaceAsync(SendRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// The row of <paramref name="idempotencyKey"/> and, when <paramref name="marketingSince"/> is given, when the
    /// customer was sent marketing (not transactional) e-mail that may have gone out, by any journey, since then: one
    /// read of the customer's partition.
    /// </summary>
    Task<LedgerSnapshot> ReadAsync(CustomerKey customer, string idempotencyKey, DateTimeOffset? marketingSince, CancellationToken cancellationToken);
}
