using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// ProductAffinities table: PartitionKey = product id, RowKey = the other product. The table changes only when the
/// affinities are recomputed, and is small (a few partners per product), so it is read whole and kept for
/// <see cref="SnapshotLifetime"/>: a send's recommendations cost no storage call. Also reads every profile's products
/// for the refresh (a scan of the Profiles table, run rarely).
/// </summary>
public sealed class TableProductAffinities(StorageClients storage, TimeProvider time) : IProductAffinities, ICustomerProducts
{
    private const string OtherColumn = "Other";
    private const string TitleColumn = "Title";
    private const string CustomersColumn = "Customers";
    private const string CategoriesColumn = "Categories";
    private const string LiftColumn = "Lift";
    private const string EvidenceColumn = "Evidence";
    private const char CategorySeparator = '\u001F';

    /// <summary>How long affinities read from the table are used before it is read again (a refresh in this process replaces them at once).</summary>
    public static readonly TimeSpan SnapshotLifetime = TimeSpan.FromMinutes(10);

    private readonly TableClient table = storage.Table(storage.Names.ProductAffinities);
    private readonly TableClient profiles = storage.Table(storage.Names.Profiles);
    private readonly Lock gate = new();
    private Snapshot? snapshot;
    private Task<Snapshot>? reading;
    private long replacements;

    public async Task<IReadOnlyList<ProductAffinity>> ForProductsAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        Task<Snapshot> current;
        lock (gate)
        {
            if (snapshot is { } kept && time.GetUtcNow() - kept.ReadAt < SnapshotLifetime)
            {
                current = Task.FromResult(kept);
            }
            else
            {
                // Callers who find it stale at the same moment share one read.
                var replacementsBefore = replacements;
                current = reading ??= Task.Run(() => ReadAllAsync(replacementsBefore), CancellationToken.None);
            }
        }

        var byProduct = (await current.WaitAsync(cancellationToken).ConfigureAwait(false)).ByProduct;
        return [.. productIds.SelectMany(productId => byProduct.GetValueOrDefault(TableKeys.Escape(productId)) ?? [])];
    }

    public async Task ReplaceAllAsync(IReadOnlyList<ProductAffinity> affinities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(affinities);
        var keep = new HashSet<(string, string)>();
        foreach (var product in affinities.GroupBy(affinity => TableKeys.Escape(affinity.ProductId)))
        {
            foreach (var chunk in product.Chunk(100))
            {
                var actions = chunk.Select(affinity =>
                {
                    var entity = new TableEntity(product.Key, TableKeys.Escape(affinity.Other))
                    {
                        [OtherColumn] = affinity.Other,
                        [TitleColumn] = affinity.OtherTitle,
                        [CustomersColumn] = affinity.Customers,
                        [CategoriesColumn] = string.Join(CategorySeparator, affinity.OtherCategories),
                        [LiftColumn] = affinity.Lift,
                        [EvidenceColumn] = affinity.Evidence,
                    };
                    keep.Add((entity.PartitionKey, entity.RowKey));
                    return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
                }).ToList();
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }

        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains((row.PartitionKey, row.RowKey)))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }

        lock (gate)
        {
            replacements++;
            snapshot = null;
        }
    }

    /// <param name="replacementsBefore">How many refreshes this process had stored when the read began: one stored meanwhile makes the read stale at once.</param>
    private async Task<Snapshot> ReadAllAsync(long replacementsBefore)
    {
        try
        {
            var readAt = time.GetUtcNow();
            var byProduct = new Dictionary<string, List<ProductAffinity>>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", OtherColumn, TitleColumn, CustomersColumn, CategoriesColumn, LiftColumn, EvidenceColumn]).ConfigureAwait(false))
            {
                if (!byProduct.TryGetValue(row.PartitionKey, out var partners))
                {
                    byProduct[row.PartitionKey] = partners = [];
                }

                partners.Add(new ProductAffinity(Uri.UnescapeDataString(row.PartitionKey), row.GetString(OtherColumn) ?? string.Empty, row.GetString(TitleColumn) ?? string.Empty, row.GetInt32(CustomersColumn) ?? 0)
                {
                    OtherCategories = row.GetString(CategoriesColumn) is { Length: > 0 } categories ? categories.Split(CategorySeparator) : [],
                    Lift = row.GetDouble(LiftColumn) ?? 1,
                    Evidence = row.GetDouble(EvidenceColumn) ?? 0,
                });
            }

            var read = new Snapshot(readAt, byProduct);
            lock (gate)
            {
                snapshot = replacements == replacementsBefore ? read : null;
            }

            return read;
        }
        finally
        {
            lock (gate)
            {
                reading = null;
            }
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<ProductPurchase>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in profiles.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Products"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("Products") is not { Length: > 2 } json)
            {
                continue;
            }

            yield return System.Text.Json.JsonSerializer.Deserialize<List<ProductPurchase>>(json, EcCrm.Core.Json.EcCrmJson.Options) ?? [];
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, Dictionary<string, List<ProductAffinity>> ByProduct);
}
