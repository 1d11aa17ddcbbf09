using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Consent;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Consent;

/// <summary>
/// The consent ledger as rows of the customer's Profiles partition (<c>consent:{time}:{hash}</c>, see
/// <see cref="ProfilePartition"/>), where a send reads them with the profile. A record is added once: adding it again
/// (a redelivered webhook, a retried projection) finds its row and leaves it as it was.
/// </summary>
public sealed class TableConsentLedger(StorageClients storage) : IConsentLedger
{
    private const int MaxAttempts = 8;

    private readonly TableClient table = storage.Table(storage.Names.Profiles);

    public async Task<int> AddAsync(IReadOnlyList<ConsentRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var added = 0;
        foreach (var record in records)
        {
            try
            {
                await table.AddEntityAsync(ConsentEntity.ToEntity(record), cancellationToken).ConfigureAwait(false);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Recorded before: the first stands.
            }
        }

        return added;
    }

    public async Task<IReadOnlyList<ConsentRecord>> ListAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var records = new List<ConsentRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(customer), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(ConsentEntity.ToRecord(row));
        }

        return records;
    }

    public async Task<(int Kept, int Deleted)> EraseAsync(CustomerKey customer, DateTimeOffset? keepUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(customer), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        int kept = 0, deleted = 0;
        foreach (var row in rows)
        {
            var record = ConsentEntity.ToRecord(row);
            var until = record.ErasedAt is null ? keepUntil : record.KeepUntil;
            if (until is not { } date || date <= now)
            {
                deleted += await DeleteAsync(row, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            else
            {
                if (record.ErasedAt is null)
                {
                    await StripAsync(row, ConsentLedger.Erased(record, now, date), cancellationToken).ConfigureAwait(false);
                }

                kept++;
            }
        }

        return (kept, deleted);
    }

    public Task<int> PurgeKeptAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        table.DeleteFoundAsync(
            TableClient.CreateQueryFilter($"RowKey ge {ProfilePartition.ConsentPrefix} and RowKey lt {ProfilePartition.After(ProfilePartition.ConsentPrefix)} and KeepUntil le {now}"),
            cancellationToken);

    /// <summary>The customer's consent rows: one range of their Profiles partition.</summary>
    private static string Filter(CustomerKey customer) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {customer.Value} and RowKey ge {ProfilePartition.ConsentPrefix} and RowKey lt {ProfilePartition.After(ProfilePartition.ConsentPrefix)}");

    private async Task<bool> DeleteAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Writes the erased record over the row, conditionally on its ETag (records are never changed otherwise, so a conflict is a second erasure).</summary>
    private async Task StripAsync(TableEntity row, ConsentRecord erased, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = ConsentEntity.ToEntity(erased);
            try
            {
                await table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var again = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!again.HasValue || ConsentEntity.ToRecord(again.Value!).ErasedAt is not null)
                {
                    return;
                }

                row = again.Value!;
            }
        }

        throw new Core.Storage.ConcurrencyConflictException($"Consent record {row.RowKey} of customer {row.PartitionKey} kept changing while it was being erased.");
    }
}
