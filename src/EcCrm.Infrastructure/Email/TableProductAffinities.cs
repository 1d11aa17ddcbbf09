using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// ProductAffinities table: PartitionKey = product id, RowKey = the other product (its title and categories, the
/// customers who bought both, lift and evidence); one partition read per product a customer owns. Also reads every profile's products for the refresh (a scan of the Profiles table, run rarely).
/// </summary>
public sealed class TableProductAffinities(StorageClients storage) : IProductAffinities, ICustomerProducts
{
    private const string OtherColumn = "Other";
    private const string TitleColumn = "Title";
    private const string CustomersColumn = "Customers";
    private const string CategoriesColumn = "Categories";
    private const string LiftColumn = "Lift";
    private const string EvidenceColumn = "Evidence";
    private const char CategorySeparator = '\u001F';

    private readonly TableClient table = storage.Table(storage.Names.ProductAffinities);
    private readonly TableClient profiles = storage.Table(storage.Names.Profiles);

    public async Task<IReadOnlyList<ProductAffinity>> ForProductsAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var found = new List<ProductAffinity>();
        foreach (var productId in productIds.Take(20))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(productId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(new ProductAffinity(productId, row.GetString(OtherColumn) ?? string.Empty, row.GetString(TitleColumn) ?? string.Empty, row.GetInt32(CustomersColumn) ?? 0)
                {
                    OtherCategories = row.GetString(CategoriesColumn) is { Length: > 0 } categories ? categories.Split(CategorySeparator) : [],
                    Lift = row.GetDouble(LiftColumn) ?? 1,
                    Evidence = row.GetDouble(EvidenceColumn) ?? 0,
                });
            }
        }

        return found;
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
}
