using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// Every profile in one scan of the Profiles table, page by page (1,000 rows a request), rather than a point read per
/// customer: Azurite answers a query by scanning the whole table, so one scan costs what one point read of many would.
/// </summary>
public sealed class TableProfileDirectory(StorageClients storage) : IProfileDirectory
{
    private readonly TableClient table = storage.Table(storage.Names.Profiles);

    public async IAsyncEnumerable<CustomerProfile> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableProfileStore.RowKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ProfileEntity.ToProfile(row);
        }
    }
}
