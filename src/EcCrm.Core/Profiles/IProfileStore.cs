using EcCrm.Core.Storage;

namespace EcCrm.Core.Profiles;

/// <summary>Customer profiles, written only with optimistic concurrency: never a blind overwrite.</summary>
public interface IProfileStore
{
    Task<Versioned<CustomerProfile>?> GetAsync(CustomerKey key, CancellationToken cancellationToken);

    /// <summary>Creates the profile; <c>false</c> when one was created meanwhile.</summary>
    Task<bool> TryAddAsync(CustomerProfile profile, CancellationToken cancellationToken);

    /// <summary>Replaces the profile read at <paramref name="version"/>; <c>false</c> when it changed meanwhile.</summary>
    Task<bool> TryReplaceAsync(CustomerProfile profile, string version, CancellationToken cancellationToken);

    /// <summary>
    /// The key a customer was moved to from <paramref name="key"/> when the customer key secret changed (<c>eccrm
    /// customers rekey</c>), or <c>null</c>. Links in e-mails sent before the move name the old key.
    /// </summary>
    Task<CustomerKey?> MovedToAsync(CustomerKey key, CancellationToken cancellationToken);
}
