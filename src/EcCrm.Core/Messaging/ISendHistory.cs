using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging;

/// <summary>The send ledger: one row per idempotency key, claimed before the provider is called.</summary>
public interface ISendHistory
{
    Task<SendRecord?> GetAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Claims the send by adding its row; <c>false</c> when the row exists (someone claimed it before).</summary>
    Task<bool> TryClaimAsync(SendRecord pending, CancellationToken cancellationToken);

    /// <summary>Replaces the row (status changes, provider events); last writer wins per field set by the caller.</summary>
    Task UpdateAsync(SendRecord record, CancellationToken cancellationToken);

    /// <summary>Removes a claim the provider never accepted, so a later attempt may send.</summary>
    Task ReleaseAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>When the customer was last sent marketing (not transactional) e-mail, by any journey, since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<DateTimeOffset>> MarketingSendsSinceAsync(CustomerKey customer, DateTimeOffset since, CancellationToken cancellationToken);
}
