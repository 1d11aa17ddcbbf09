using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Orders;

/// <summary>
/// Orders table: PartitionKey = customer key (or <c>anonymous</c>), RowKey = <c>{source}-{order id}</c>.
/// The canonical order is kept as JSON in <c>Body</c> (Brotli-compressed in <c>BodyBrotli</c> when it would not
/// fit a Table property), next to a few columns for people reading the table.
/// </summary>
public sealed class TableOrderStore(StorageClients storage) : IOrderStore
{
    public const string AnonymousPartition = "anonymous";
    private const int MaxAttempts = 8;
    private const int MaxInlineChars = 30_000; // a string property holds 64 KiB of UTF-16

    private readonly TableClient table = storage.Table(storage.Names.Orders);

    public static string RowKey(OrderSource source, string orderId) =>
        $"{source.ToString().ToLowerInvariant()}-{TableKeys.Escape(orderId)}";

    public async Task<OrderSaveOutcome> SaveAsync(CustomerKey? customer, OrderRecord order, CancellationToken cancellationToken)
    {
        var partition = customer?.Value ?? AnonymousPartition;
        var rowKey = RowKey(order.Source, order.OrderId);
        var entity = ToEntity(partition, rowKey, order);

        // Most orders arrive for the first time: adding is then the only call, and it fails (409) when the order is
        // stored already (a redelivery, an update); only then is the stored version read and compared.
        if (await TryAddAsync(entity, cancellationToken).ConfigureAwait(false))
        {
            return OrderSaveOutcome.Created;
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    // Never removed by EcCrm; add it again if it was.
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    return OrderSaveOutcome.Created;
                }

                if (!order.Supersedes(FromEntity(existing.Value!)))
                {
                    return OrderSaveOutcome.Unchanged;
                }

                await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return OrderSaveOutcome.Updated;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer stored this order meanwhile: read again and decide again.
                StorageConflicts.Record(StorageConflicts.Order);
            }
        }

        throw new ConcurrencyConflictException($"Order {rowKey} kept changing during {MaxAttempts} attempts to store it.");
    }

    public async Task<int> SaveManyAsync(CustomerKey customer, IReadOnlyList<OrderRecord> orders, CancellationToken cancellationToken)
    {
        // Fast path: orders not stored yet go in as entity-group transactions of up to 100 rows (one partition).
        // A chunk that meets an existing row fails as a whole, and its orders take the one-by-one path instead.
        var created = 0;
        foreach (var chunk in orders.DistinctBy(order => RowKey(order.Source, order.OrderId)).Chunk(100))
        {
            try
            {
                var actions = chunk.Select(order => new TableTransactionAction(
                    TableTransactionActionType.Add, ToEntity(customer.Value, RowKey(order.Source, order.OrderId), order)));
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                created += chunk.Length;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                foreach (var order in chunk)
                {
                    created += await SaveAsync(customer, order, cancellationToken).ConfigureAwait(false) == OrderSaveOutcome.Created ? 1 : 0;
                }
            }
        }

        return created;
    }

    public async Task<IReadOnlyList<OrderRecord>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var orders = new List<OrderRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            orders.Add(FromEntity(entity));
        }

        return orders;
    }

    private async Task<bool> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(string partition, string rowKey, OrderRecord order)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            ["Source"] = order.Source.ToString(),
            ["OrderId"] = order.OrderId,
            ["OrderNumber"] = order.OrderNumber,
            ["Status"] = order.Status.ToString(),
            ["PlacedAt"] = order.PlacedAt,
            ["UpdatedAt"] = order.UpdatedAt,
            ["Currency"] = order.Currency,
            ["NetRevenue"] = (double)order.NetRevenue,
        };
        var json = JsonSerializer.Serialize(order, EcCrmJson.Options);
        if (json.Length <= MaxInlineChars)
        {
            entity["Body"] = json;
        }
        else
        {
            entity["BodyBrotli"] = Compress(json);
        }

        return entity;
    }

    /// <summary>The order a row holds (also for bulk reads of the table).</summary>
    internal static OrderRecord FromEntity(TableEntity entity)
    {
        var json = entity.GetString("Body") ?? Decompress(entity.GetBinary("BodyBrotli"));
        return JsonSerializer.Deserialize<OrderRecord>(json, EcCrmJson.Options)
            ?? throw new InvalidDataException($"Order row {entity.PartitionKey}/{entity.RowKey} has an empty body.");
    }

    private static byte[] Compress(string json)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize))
        {
            brotli.Write(Encoding.UTF8.GetBytes(json));
        }

        return output.ToArray();
    }

    private static string Decompress(byte[] data)
    {
        using var brotli = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
