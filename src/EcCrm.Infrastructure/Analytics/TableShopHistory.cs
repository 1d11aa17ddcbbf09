using System.Collections.Concurrent;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Analytics;

/// <summary>
/// The shop's history for backtests, each table read once in key ranges (<see cref="TableScan"/>), the four at the same
/// time: profiles, orders (their bodies, as ingestion stored them), suppressions, and the marketing sends of the ledger
/// since a moment (a filter on its columns, not a query per customer). Azurite answers every query by scanning its whole
/// table, so this costs what a few scans cost, whatever the number of customers.
/// </summary>
public sealed class TableShopHistory(StorageClients storage, IProfileDirectory profiles) : IShopHistory
{
    public async Task<ShopHistory> ReadAsync(DateTimeOffset sendsSince, CancellationToken cancellationToken)
    {
        var everyone = ReadProfilesAsync(cancellationToken);
        var orders = ReadOrdersAsync(cancellationToken);
        var suppressions = ReadSuppressionsAsync(cancellationToken);
        var sends = ReadMarketingSendsAsync(sendsSince, cancellationToken);
        await Task.WhenAll(everyone, orders, suppressions, sends).ConfigureAwait(false);
        return new ShopHistory(await everyone.ConfigureAwait(false), await orders.ConfigureAwait(false), await suppressions.ConfigureAwait(false), await sends.ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<CustomerProfile>> ReadProfilesAsync(CancellationToken cancellationToken)
    {
        var all = new List<CustomerProfile>();
        await foreach (var profile in profiles.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(profile);
        }

        return all;
    }

    private async Task<IReadOnlyDictionary<CustomerKey, IReadOnlyList<OrderRecord>>> ReadOrdersAsync(CancellationToken cancellationToken)
    {
        // Rows come a page at a time; their JSON bodies are read on the other cores while the next page is fetched.
        var byCustomer = new ConcurrentDictionary<CustomerKey, ConcurrentBag<OrderRecord>>();
        var reading = new List<Task>();
        var table = storage.Table(storage.Names.Orders);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ne {TableOrderStore.AnonymousPartition}");
        await foreach (var rows in table.PagesAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            reading.Add(Task.Run(
                () =>
                {
                    foreach (var row in rows)
                    {
                        if (CustomerKey.TryParse(row.PartitionKey, out var key))
                        {
                            byCustomer.GetOrAdd(key, _ => []).Add(TableOrderStore.FromEntity(row));
                        }
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(reading).ConfigureAwait(false);
        return byCustomer.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<OrderRecord>)[.. pair.Value]);
    }

    private async Task<IReadOnlyDictionary<CustomerKey, IReadOnlyList<Suppression>>> ReadSuppressionsAsync(CancellationToken cancellationToken)
    {
        var byCustomer = new Dictionary<CustomerKey, List<Suppression>>();
        await foreach (var row in storage.Table(storage.Names.Suppressions).RowsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (CustomerKey.TryParse(row.PartitionKey, out var key))
            {
                (byCustomer.TryGetValue(key, out var list) ? list : byCustomer[key] = []).Add(SuppressionEntity.ToSuppression(row));
            }
        }

        return byCustomer.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<Suppression>)pair.Value);
    }

    /// <summary>Marketing sends that may have reached the customer (as the frequency cap counts them), by customer.</summary>
    private async Task<IReadOnlyDictionary<CustomerKey, IReadOnlyList<DateTimeOffset>>> ReadMarketingSendsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var byCustomer = new Dictionary<CustomerKey, List<DateTimeOffset>>();
        var filter = TableClient.CreateQueryFilter($"QueuedAt ge {since} and Transactional eq false");
        string[] columns = ["PartitionKey", nameof(SendRecord.QueuedAt), nameof(SendRecord.SentAt), nameof(SendRecord.Status)];
        await foreach (var row in storage.Table(storage.Names.SendHistory).RowsAsync(filter, columns, cancellationToken).ConfigureAwait(false))
        {
            // A status this code does not know is taken as possibly sent, as the ledger takes it: never forgotten by the cap.
            var sent = !Enum.TryParse<SendStatus>(row.GetString(nameof(SendRecord.Status)), out var status) || SendStateMachine.MayHaveBeenSent(status);
            if (sent && CustomerKey.TryParse(row.PartitionKey, out var key) && (row.GetDateTimeOffset(nameof(SendRecord.SentAt)) ?? row.GetDateTimeOffset(nameof(SendRecord.QueuedAt))) is { } at)
            {
                (byCustomer.TryGetValue(key, out var list) ? list : byCustomer[key] = []).Add(at);
            }
        }

        return byCustomer.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<DateTimeOffset>)pair.Value);
    }
}
