using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// Every profile in one read of the Profiles table, in key ranges (<see cref="TableScan"/>), rather than a point read per
/// customer: Azurite answers a query by scanning the whole table, so one scan costs what one point read of many would.
/// </summary>
public sealed class TableProfileDirectory(StorageClients storage) : IProfileDirectory
{
    private readonly TableClient table = storage.Table(storage.Names.Profiles);

    public async IAsyncEnumerable<CustomerProfile> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableProfileStore.RowKey}");
        await foreach (var row in table.RowsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ProfileEntity.ToProfile(row);
        }
    }
}
