using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Tracking;

/// <summary>
/// CustomerEvents table: PartitionKey = the customer key, or <c>anon-</c> and a hash of the anonymous id for a visitor
/// not identified yet; RowKey = <c>event:</c> and the escaped event id, so a redelivered event writes the same row. A
/// visitor's partition also holds the row <c>identity</c> naming the customer they turned out to be. The event is kept as
/// JSON without the address or name: the partition says whose it is, and erasing the customer erases the partition.
/// </summary>
public sealed class TableCustomerEvents(StorageClients storage) : ICustomerEvents
{
    private const string EventPrefix = "event:";
    private const string IdentityRow = "identity";
    private const string TypeColumn = "Type";
    private const string OccurredAtColumn = "OccurredAt";
    private const string EventColumn = "Event";
    private const string CustomerColumn = "CustomerKey";

    private readonly TableClient table = storage.Table(storage.Names.CustomerEvents);

    public async Task<bool> AddAsync(CustomerKey? customer, TrackedEvent tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        var partition = customer?.Value ?? (tracked.AnonymousId is { } visitor ? Visitor(visitor) : throw new ArgumentException("The event names neither a customer nor a visitor.", nameof(tracked)));
        return await TryAddAsync(ToEntity(partition, tracked), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TrackedEvent>> ListAsync(CustomerKey customer, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var found = new List<TrackedEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value} and OccurredAt ge {since.UtcDateTime}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(EventPrefix, StringComparison.Ordinal) && row.GetString(EventColumn) is { } json
                && JsonSerializer.Deserialize<TrackedEvent>(json, EcCrmJson.Options) is { } tracked)
            {
                found.Add(tracked);
            }
        }

        return [.. found.OrderBy(tracked => tracked.OccurredAt)];
    }

    public async Task<CustomerKey?> IdentifiedAsAsync(string anonymousId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Visitor(anonymousId), IdentityRow, [CustomerColumn], cancellationToken).ConfigureAwait(false);
        return row.HasValue && CustomerKey.TryParse(row.Value!.GetString(CustomerColumn), out var key) ? key : null;
    }

    public async Task<int> IdentifyAsync(string anonymousId, CustomerKey customer, CancellationToken cancellationToken)
    {
        var partition = Visitor(anonymousId);

        // The link first: from now on the visitor's new events go to the customer, and a crash below leaves only a move to redo.
        await table.UpsertEntityAsync(new TableEntity(partition, IdentityRow) { [CustomerColumn] = customer.Value }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var moved = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {EventPrefix} and RowKey lt {EventPrefix + "\uffff"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var copy = new TableEntity(row) { PartitionKey = customer.Value, ETag = default };
            if (await TryAddAsync(copy, cancellationToken).ConfigureAwait(false))
            {
                moved++;
            }

            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }

    public async Task<int> EraseAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        // The visitors who turned out to be the customer: what is left in their partitions (an event stored as they were
        // identified), then the row naming the customer, last, so an erasure that fails half-way still finds them.
        var erased = 0;
        var visitors = $"{TableClient.CreateQueryFilter($"RowKey eq {IdentityRow}")} and {CustomerColumn} eq {TableClient.CreateQueryFilter($"{customer.Value}")}";
        await foreach (var identity in table.QueryAsync<TableEntity>(visitors, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            erased += await DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {identity.PartitionKey} and RowKey ne {IdentityRow}"), cancellationToken).ConfigureAwait(false);
            erased += await DeleteRowAsync(identity.PartitionKey, IdentityRow, cancellationToken).ConfigureAwait(false);
        }

        return erased + await DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}"), cancellationToken).ConfigureAwait(false);
    }

    public Task<int> PruneAsync(CustomerKey customer, DateTimeOffset before, CancellationToken cancellationToken) =>
        DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value} and OccurredAt lt {before.UtcDateTime}"), cancellationToken);

    // A visitor's link is rewritten each time a checkout names them again; one confirmed since the scan read it stays.
    public async Task<int> PruneAllAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        await table.DeleteFoundAsync(TableClient.CreateQueryFilter($"OccurredAt lt {before.UtcDateTime}"), cancellationToken).ConfigureAwait(false)
        + await table.DeleteFoundAsync(TableClient.CreateQueryFilter($"RowKey eq {IdentityRow} and Timestamp lt {before.UtcDateTime}"), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes every row the filter finds; how many were there to delete.</summary>
    private async Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deleted += await DeleteRowAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>1 when the row was there to delete; 0 when it was gone already (a repeated erasure).</summary>
    private async Task<int> DeleteRowAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
            return 1;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    /// <summary>The partition of an anonymous visitor: a hash, so an id chosen by a browser is always a valid key.</summary>
    public static string Visitor(string anonymousId) =>
        "anon-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(anonymousId)).AsSpan(0, 16));

    private static TableEntity ToEntity(string partition, TrackedEvent tracked) => new(partition, EventPrefix + TableKeys.Escape(tracked.EventId))
    {
        [TypeColumn] = tracked.Type.ToString(),
        [OccurredAtColumn] = tracked.OccurredAt.UtcDateTime,
        [EventColumn] = JsonSerializer.Serialize(tracked with { Email = null, FirstName = null, LastName = null }, EcCrmJson.Options),
    };

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
}
