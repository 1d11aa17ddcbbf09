using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>LastOrderIndex table: PartitionKey = shop-local date of the last order (yyyyMMdd), RowKey = customer key.</summary>
public sealed class TableLastOrderIndex(StorageClients storage) : ILastOrderIndex
{
    private readonly TableClient table = storage.Table(storage.Names.LastOrderIndex);

    // The row carries no data, so writing it twice is the same fact: the one place an upsert is right.
    public async Task AddAsync(DateOnly lastOrderDate, CustomerKey customer, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(TableKeys.Date(lastOrderDate), customer.Value), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task RemoveAsync(DateOnly lastOrderDate, CustomerKey customer, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(TableKeys.Date(lastOrderDate), customer.Value, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    public async IAsyncEnumerable<CustomerKey> ListAsync(DateOnly lastOrderDate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Date(lastOrderDate)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (CustomerKey.TryParse(row.RowKey, out var key))
            {
                yield return key;
            }
        }
    }
}
