using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>Profiles table: PartitionKey = customer key, RowKey = <c>profile</c>. Written only with ETags.</summary>
public sealed class TableProfileStore(StorageClients storage) : IProfileStore
{
    public const string RowKey = "profile";

    private readonly TableClient table = storage.Table(storage.Names.Profiles);

    public async Task<Versioned<CustomerProfile>?> GetAsync(CustomerKey key, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(key.Value, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new Versioned<CustomerProfile>(ProfileEntity.ToProfile(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<bool> TryAddAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
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
}
