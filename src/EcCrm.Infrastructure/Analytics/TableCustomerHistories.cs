using Azure.Data.Tables;
using EcCrm.Core.Analytics;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Analytics;

/// <summary>
/// Reads every customer's purchases from the Orders table, three columns per row (not the order bodies). Cost: one
/// pass over all orders, which is why the report is cached and not computed per request at large shops.
/// </summary>
public sealed class TableCustomerHistories(StorageClients storage) : ICustomerHistories
{
    private readonly TableClient table = storage.Table(storage.Names.Orders);

    public async Task<IReadOnlyList<CustomerHistory>> ListAsync(CancellationToken cancellationToken)
    {
        var purchases = new Dictionary<string, List<Purchase>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "PlacedAt", "Status", "NetRevenue"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.PartitionKey == TableOrderStore.AnonymousPartition
                || !Enum.TryParse<OrderStatus>(row.GetString("Status"), out var status)
                || status is not (OrderStatus.Placed or OrderStatus.Paid)
                || row.GetDateTimeOffset("PlacedAt") is not { } placedAt)
            {
                continue;
            }

            if (!purchases.TryGetValue(row.PartitionKey, out var list))
            {
                purchases[row.PartitionKey] = list = [];
            }

            list.Add(new Purchase(placedAt, (decimal)(row.GetDouble("NetRevenue") ?? 0)));
        }

        return [.. purchases.Select(pair => new CustomerHistory(CustomerKey.Parse(pair.Key), [.. pair.Value.OrderBy(p => p.PlacedAt)]))];
    }
}
