using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// Profiles table: PartitionKey = customer key, RowKey = <c>profile</c>. Written only with ETags.
/// <para>
/// Before a profile keyed by its address is made, the address's suppressions under its keys of earlier derivations
/// (<see cref="CustomerKeys.Previous"/>) are copied to its key of today, beside the profile and in the Suppressions
/// table. They are the tombstones of customers erased before the customer key secret changed, which hold no address
/// and so cannot be moved by <c>eccrm customers rekey</c>: an address that unsubscribed is still never mailed when it
/// orders again, and a send still reads one partition.
/// </para>
/// </summary>
public sealed class TableProfileStore(StorageClients storage, CustomerKeys keys) : IProfileStore
{
    public const string RowKey = "profile";

    /// <summary>The row left under a key a customer was moved from, naming the key they were moved to; it holds nothing else.</summary>
    public const string MovedRowKey = "moved";

    public const string MovedToColumn = "MovedTo";

    private readonly TableClient table = storage.Table(storage.Names.Profiles);
    private readonly TableClient suppressions = storage.Table(storage.Names.Suppressions);

    public async Task<Versioned<CustomerProfile>?> GetAsync(CustomerKey key, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(key.Value, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new Versioned<CustomerProfile>(ProfileEntity.ToProfile(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<bool> TryAddAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await CarryOverSuppressionsAsync(profile, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(ProfileEntity.FromProfile(profile, RowKey), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<CustomerKey?> MovedToAsync(CustomerKey key, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(key.Value, MovedRowKey, [MovedToColumn], cancellationToken).ConfigureAwait(false);
        return row.HasValue && CustomerKey.TryParse(row.Value!.GetString(MovedToColumn), out var moved) ? moved : null;
    }

    public async Task<bool> TryReplaceAsync(CustomerProfile profile, string version, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ProfileEntity.FromProfile(profile, RowKey), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task CarryOverSuppressionsAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        if (keys.Previous.Count == 0 || profile.Email is not { } email || !EmailAddress.IsPlausible(email) || keys.ForEmail(email) != profile.Key)
        {
            return;
        }

        foreach (var earlier in keys.AllForEmail(email).Where(key => key != profile.Key))
        {
            await foreach (var row in suppressions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {earlier.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var suppression = SuppressionEntity.ToSuppression(row);
                await AddOnceAsync(table, SuppressionEntity.ToEntity(profile.Key.Value, ProfilePartition.SuppressionRow(row.RowKey), suppression), cancellationToken).ConfigureAwait(false);
                await AddOnceAsync(suppressions, SuppressionEntity.ToEntity(profile.Key.Value, row.RowKey, suppression), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task AddOnceAsync(TableClient into, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await into.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // There already: the first stands.
        }
    }
}
