using EcCrm.Core.Storage;

namespace EcCrm.Core.Profiles;

/// <summary>The read-change-write loop every profile change goes through, retried when another writer got there first.</summary>
public static class ProfileUpdates
{
    public const int MaxAttempts = 8;

    /// <summary>
    /// Reads the profile (or an empty one), applies <paramref name="change"/> and writes the result conditionally,
    /// starting over on a conflict. <paramref name="change"/> may run several times and must read what it needs itself.
    /// </summary>
    /// <returns>The profile before (null if new) and after the change.</returns>
    public static async Task<(CustomerProfile? Before, CustomerProfile After)> UpdateAsync(
        this IProfileStore store,
        CustomerKey key,
        Func<CustomerProfile, CancellationToken, Task<CustomerProfile>> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            var after = await change(stored?.Value ?? CustomerProfile.Empty(key), cancellationToken).ConfigureAwait(false);
            var written = stored is null
                ? await store.TryAddAsync(after, cancellationToken).ConfigureAwait(false)
                : await store.TryReplaceAsync(after, stored.Version, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                return (stored?.Value, after);
            }

            StorageConflicts.Record(StorageConflicts.Profile);
        }

        throw new ConcurrencyConflictException($"Profile {key} kept changing during {MaxAttempts} attempts to update it.");
    }
}
