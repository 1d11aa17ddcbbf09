using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Privacy;

/// <summary>
/// A customer's rows across the tables (each keyed by customer key, except the last-order index, keyed by date, and
/// the Coupons table, keyed by code), and the mail sink's files of their sends.
/// </summary>
public sealed class TablePersonalData(StorageClients storage, IOptions<MailOptions> mail, CustomerKeys keys) : IPersonalData
{
    /// <summary>Send ledger columns that may carry personal content (a personalised subject, a provider's reason quoting the address).</summary>
    private static readonly string[] PersonalSendColumns = ["Subject", "FailureReason", "BounceReason"];

    private const string ReasonColumn = "Reason";
    private const int MaxAttempts = 8;

    public async Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(CustomerKey customer, string? email, CancellationToken cancellationToken)
    {
        var found = new List<Suppression>();
        foreach (var partition in SuppressionPartitions(customer, email))
        {
            await foreach (var row in Partition(storage.Names.Suppressions, partition, cancellationToken).ConfigureAwait(false))
            {
                found.Add(SuppressionEntity.ToSuppression(row));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<SendRecord>> ListSendsAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var sends = new List<SendRecord>();
        await foreach (var row in Partition(storage.Names.SendHistory, customer.Value, cancellationToken).ConfigureAwait(false))
        {
            sends.Add(TableSendHistory.ToRecord(row));
        }

        return sends;
    }

    public async Task<IReadOnlyList<string>> StripSendsAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in Partition(storage.Names.SendHistory, customer.Value, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.GetString("IdempotencyKey") ?? Uri.UnescapeDataString(row.RowKey));
            await StripAsync(storage.Names.SendHistory, row, PersonalSendColumns, cancellationToken).ConfigureAwait(false);
        }

        return keys;
    }

    public Task<int> DeleteMailCopiesAsync(IReadOnlyList<string> idempotencyKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKeys);
        var folder = mail.Value.SinkPath;
        var deleted = 0;
        foreach (var stem in idempotencyKeys.Select(MailSink.FileStem))
        {
            var any = false;
            foreach (var extension in (string[])[".eml", ".html"])
            {
                var path = Path.Combine(folder, stem + extension);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    any = true;
                }
            }

            deleted += any ? 1 : 0;
        }

        return Task.FromResult(deleted);
    }

    public Task<int> DeleteOrdersAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        DeleteAllAsync(storage.Names.Orders, TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}"), cancellationToken);

    // The index is keyed by date; a customer may be listed under more than one (see ILastOrderIndex), so every date is
    // looked at: one scan of the table, which an erasure can afford.
    public Task<int> DeleteFromLastOrderIndexAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        DeleteAllAsync(storage.Names.LastOrderIndex, TableClient.CreateQueryFilter($"RowKey eq {customer.Value}"), cancellationToken);

    public Task<int> DeleteEnrollmentsAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        DeleteAllAsync(storage.Names.Enrollments, TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}"), cancellationToken);

    public async Task<ProfileErasure> EraseProfileAsync(CustomerKey customer, string? email, CancellationToken cancellationToken)
    {
        int profiles = 0, coupons = 0;
        var tombstones = 0;
        var profileTable = storage.Table(storage.Names.Profiles);
        await foreach (var row in Partition(storage.Names.Profiles, customer.Value, cancellationToken).ConfigureAwait(false))
        {
            if (ProfilePartition.IsSuppression(row.RowKey))
            {
                // Kept: a send reads the suppressions beside the profile, also of a profile made again by a later order.
                await StripAsync(storage.Names.Profiles, row, [ReasonColumn], cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (ProfilePartition.IsConsent(row.RowKey))
            {
                // Kept or deleted by the consent ledger's own erasure (IConsentLedger.EraseAsync), as the law's retention asks.
                continue;
            }

            if (ProfilePartition.IsCoupon(row.RowKey))
            {
                coupons++;
                if (row.GetString("Code") is { } code)
                {
                    await DeleteAsync(storage.Table(storage.Names.Coupons), TableKeys.Escape(code), "coupon", cancellationToken).ConfigureAwait(false);
                }
            }
            else if (row.RowKey == TableProfileStore.RowKey)
            {
                profiles++;
            }

            await DeleteAsync(profileTable, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        }

        foreach (var partition in SuppressionPartitions(customer, email))
        {
            await foreach (var row in Partition(storage.Names.Suppressions, partition, cancellationToken).ConfigureAwait(false))
            {
                await StripAsync(storage.Names.Suppressions, row, [ReasonColumn], cancellationToken).ConfigureAwait(false);
                tombstones++;
            }
        }

        return new ProfileErasure(profiles, coupons, tombstones);
    }

    public async Task<IReadOnlyList<CustomerKey>> ListCustomersAsync(CancellationToken cancellationToken)
    {
        // Partition keys only: a scan of three tables, which erasing a whole shop can afford.
        var keys = new HashSet<CustomerKey>();
        foreach (var table in (string[])[storage.Names.Profiles, storage.Names.Orders, storage.Names.Enrollments])
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (CustomerKey.TryParse(row.PartitionKey, out var key))
                {
                    keys.Add(key);
                }
            }
        }

        return [.. keys];
    }

    public async Task<IReadOnlyList<CustomerKey>> FindOrderOwnersAsync(OrderSource source, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var owners = new HashSet<CustomerKey>();
        foreach (var orderId in orderIds.Distinct(StringComparer.Ordinal))
        {
            // An order is stored under its customer's key, which the request may not name: look for its row key everywhere.
            var filter = TableClient.CreateQueryFilter($"RowKey eq {TableOrderStore.RowKey(source, orderId)}");
            await foreach (var row in storage.Table(storage.Names.Orders).QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (CustomerKey.TryParse(row.PartitionKey, out var key))
                {
                    owners.Add(key);
                }
            }
        }

        return [.. owners];
    }

    public async Task<int> DeleteGuestOrdersAsync(OrderSource source, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var table = storage.Table(storage.Names.Orders);
        var deleted = 0;
        foreach (var rowKey in orderIds.Distinct(StringComparer.Ordinal).Select(orderId => TableOrderStore.RowKey(source, orderId)))
        {
            // Deleting a row that is not there succeeds too: look first, so only orders that were held are counted.
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TableOrderStore.AnonymousPartition, rowKey, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
            deleted += row.HasValue && await DeleteAsync(table, TableOrderStore.AnonymousPartition, rowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    public Task<int> DeleteAllGuestOrdersAsync(CancellationToken cancellationToken) =>
        DeleteAllAsync(storage.Names.Orders, TableClient.CreateQueryFilter($"PartitionKey eq {TableOrderStore.AnonymousPartition}"), cancellationToken);

    /// <summary>
    /// Suppressions are kept under the address's key, which is the customer's own unless the customer is known by the
    /// shop's id, and may still be under the address's key of an earlier derivation (<see cref="CustomerKeys.Previous"/>).
    /// </summary>
    private IEnumerable<string> SuppressionPartitions(CustomerKey customer, string? email) =>
        new[] { customer }.Concat(EmailAddress.IsPlausible(email) ? keys.AllForEmail(email!) : []).Select(key => key.Value).Distinct(StringComparer.Ordinal);

    private IAsyncEnumerable<TableEntity> Partition(string table, string partition, CancellationToken cancellationToken) =>
        Query(table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);

    private async IAsyncEnumerable<TableEntity> Query(string table, string filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Read the whole page list first: rows are changed or deleted while going through them.
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            yield return row;
        }
    }

    private async Task<int> DeleteAllAsync(string table, string filter, CancellationToken cancellationToken)
    {
        var client = storage.Table(table);
        var deleted = 0;
        await foreach (var row in Query(table, filter, cancellationToken).ConfigureAwait(false))
        {
            deleted += await DeleteAsync(client, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    private static async Task<bool> DeleteAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false; // gone already (an erasure run again)
        }
    }

    /// <summary>Removes <paramref name="columns"/> from the row, conditionally on its ETag, reading it again when another writer changed it.</summary>
    private async Task StripAsync(string table, TableEntity row, string[] columns, CancellationToken cancellationToken)
    {
        var client = storage.Table(table);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!columns.Any(row.ContainsKey))
            {
                return;
            }

            foreach (var column in columns)
            {
                row.Remove(column);
            }

            try
            {
                await client.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var again = await client.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!again.HasValue)
                {
                    return;
                }

                row = again.Value!;
            }
        }

        throw new Core.Storage.ConcurrencyConflictException($"A row of {table} kept changing while its personal content was being removed.");
    }
}
