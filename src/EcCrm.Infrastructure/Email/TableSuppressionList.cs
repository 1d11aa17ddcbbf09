using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Suppressions table: PartitionKey = the address's customer key (a hash: no raw address is stored as a key),
/// RowKey = kind and group. Adding one again keeps the first. Each suppression is also added beside the customer's
/// profile (<see cref="ProfilePartition"/>), first, so that a send finds it with the profile: a failure between the two
/// leaves the address suppressed for sends, and the retried delivery completes the list. Reading looks under the
/// address's key of every derivation still configured (<see cref="CustomerKeys.Previous"/>): a tombstone left by an
/// erasure holds no address and cannot be moved to a new key, so it is found under the key it was written with.
/// </summary>
public sealed class TableSuppressionList(StorageClients storage, CustomerKeys keys) : ISuppressionList
{
    private readonly TableClient table = storage.Table(storage.Names.Suppressions);
    private readonly TableClient profiles = storage.Table(storage.Names.Profiles);

    public async Task<IReadOnlyList<Suppression>> GetAsync(string emailAddress, CancellationToken cancellationToken)
    {
        var found = new List<Suppression>();
        foreach (var partition in keys.AllForEmail(emailAddress))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(SuppressionEntity.ToSuppression(row));
            }
        }

        return found;
    }

    public async Task AddAsync(string emailAddress, Suppression suppression, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        var partition = keys.ForEmail(emailAddress).Value;
        var rowKey = SuppressionEntity.RowKey(suppression);
        await AddOnceAsync(profiles, SuppressionEntity.ToEntity(partition, ProfilePartition.SuppressionRow(rowKey), suppression), cancellationToken).ConfigureAwait(false);
        await AddOnceAsync(table, SuppressionEntity.ToEntity(partition, rowKey, suppression), cancellationToken).ConfigureAwait(false);
    }

    private static async Task AddOnceAsync(TableClient into, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await into.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Suppressed before: the first time stands.
        }
    }
}
