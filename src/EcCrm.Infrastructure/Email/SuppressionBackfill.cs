using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Suppressions recorded before each was also kept beside the customer's profile (<see cref="ProfilePartition"/>) are
/// copied there once, when the host starts, so that no send misses one. A marker row in the Suppressions table
/// (under a partition no customer key can have) records that the copy is complete; copying again is harmless.
/// </summary>
public static class SuppressionBackfill
{
    public const string MarkerPartition = "_";
    public const string MarkerRow = "copied-beside-profiles";

    /// <returns>How many suppressions were copied (0 when the copy was done before).</returns>
    public static async Task<int> CopyOnceAsync(StorageClients storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var suppressions = storage.Table(storage.Names.Suppressions);
        if ((await suppressions.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, ["PartitionKey"], cancellationToken).ConfigureAwait(false)).HasValue)
        {
            return 0;
        }

        var profiles = storage.Table(storage.Names.Profiles);
        var copied = 0;
        await foreach (var row in suppressions.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!CustomerKey.TryParse(row.PartitionKey, out _))
            {
                continue;
            }

            var beside = SuppressionEntity.ToEntity(row.PartitionKey, ProfilePartition.SuppressionRow(row.RowKey), SuppressionEntity.ToSuppression(row));
            try
            {
                await profiles.AddEntityAsync(beside, cancellationToken).ConfigureAwait(false);
                copied++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Kept beside the profile already.
            }
        }

        try
        {
            await suppressions.AddEntityAsync(new TableEntity(MarkerPartition, MarkerRow) { ["Copied"] = copied }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another host finished the same copy.
        }

        return copied;
    }
}
