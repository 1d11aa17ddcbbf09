using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Privacy;

/// <summary>
/// Moves customers stored under keys of an earlier derivation (the unkeyed SHA-256 of old, or a previous secret) to
/// their key under the current secret, table by table: Profiles (profile, suppression, consent and coupon rows),
/// Orders, SendHistory, Enrollments, CustomerEvents, the last-order index, the Coupons and JourneyEvents rows that name
/// the customer, and the address's Suppressions.
/// <para>
/// A customer's address comes from their profile or orders; a key of which neither is held (what an erasure keeps:
/// tombstones, stripped sends, consent records kept for the law) cannot be re-derived and is left where it is.
/// Every row is written under the new key before the old one is deleted, and the profile and the orders, which name
/// the address, are deleted last: a run that stops half-way is completed by running it again, and a second run finds
/// nothing to move. Under the old key one row stays, naming the new key and nothing else, for the unsubscribe links of
/// e-mails sent before (<see cref="IProfileStore.MovedToAsync"/>). Enrollment ids (the engine's instance ids) and the idempotency keys of sends embed the key, so they
/// are rewritten (and the mail sink's files of those sends renamed); a customer with a run that has not ended is left
/// alone, as the run reads its customer under the key it started with.
/// </para>
/// </summary>
public sealed class CustomerRekey(StorageClients storage, CustomerKeys keys, IProfileStore profiles, IOrderStore orders, OrderIngestion ingestion, IOptions<MailOptions> mail)
{
    private const string CustomerColumn = "Customer";
    private const string CustomerEventsCustomerColumn = "CustomerKey";

    public async Task<RekeyReport> RunAsync(CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var found = await CustomerPartitionsAsync(cancellationToken).ConfigureAwait(false);
        var names = storage.Names;

        // Rows outside the customer's partitions that name them, found with one scan of each table.
        var naming = new Naming();
        await naming.AddAsync(storage.Table(names.LastOrderIndex), names.LastOrderIndex, row => row.RowKey, [], cancellationToken).ConfigureAwait(false);
        await naming.AddAsync(storage.Table(names.JourneyEvents), names.JourneyEvents, row => row.GetString(CustomerColumn), [CustomerColumn], cancellationToken).ConfigureAwait(false);
        await naming.AddAsync(storage.Table(names.Coupons), names.Coupons, row => row.GetString(CustomerColumn), [CustomerColumn], cancellationToken).ConfigureAwait(false);
        await naming.AddAsync(storage.Table(names.CustomerEvents), names.CustomerEvents, row => row.GetString(CustomerEventsCustomerColumn), [CustomerEventsCustomerColumn], cancellationToken).ConfigureAwait(false);
        tally.Customers = found.Count;
        foreach (var old in found)
        {
            await RekeyAsync(old, naming.Of(old), tally, cancellationToken).ConfigureAwait(false);
        }

        return tally.ToReport();
    }

    private async Task RekeyAsync(CustomerKey old, IReadOnlyList<(string Table, string PartitionKey, string RowKey)> naming, Tally tally, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetAsync(old, cancellationToken).ConfigureAwait(false))?.Value;
        var held = await orders.ListByCustomerAsync(old, cancellationToken).ConfigureAwait(false);
        if (held.Any(order => keys.Current.ForOrder(order) == old) || (profile?.Email is { } current && keys.Current.ForEmailIfAny(current) == old))
        {
            tally.AlreadyCurrent++;
            return;
        }

        if (profile is null && held.Count == 0 && await profiles.MovedToAsync(old, cancellationToken).ConfigureAwait(false) is not null)
        {
            tally.AlreadyMoved++;
            return;
        }

        if (NewKeyOf(old, profile, held) is not var (key, email))
        {
            tally.Unrecognised++;
            return;
        }

        if (await HasRunningEnrollmentAsync(old, cancellationToken).ConfigureAwait(false))
        {
            tally.SkippedRunning++;
            return;
        }

        var names = storage.Names;
        var profileConflict = false;
        var conflicts = tally.Conflicts;

        // Copy everything first.
        await CopyPartitionAsync(names.Enrollments, old, key, rewrite: true, tally, cancellationToken).ConfigureAwait(false);
        await CopyPartitionAsync(names.SendHistory, old, key, rewrite: true, tally, cancellationToken).ConfigureAwait(false);
        await RenameMailCopiesAsync(old, key, cancellationToken).ConfigureAwait(false);
        await CopyPartitionAsync(names.CustomerEvents, old, key, rewrite: true, tally, cancellationToken).ConfigureAwait(false);
        await CopyPartitionAsync(names.Orders, old, key, rewrite: false, tally, cancellationToken).ConfigureAwait(false);
        foreach (var row in await ReadAsync(names.Profiles, Partition(old), cancellationToken).ConfigureAwait(false))
        {
            var copied = await CopyRowAsync(names.Profiles, row, Moved(row, old, key, rewrite: true), tally, cancellationToken).ConfigureAwait(false);
            profileConflict |= !copied && row.RowKey == TableProfileStore.RowKey;
        }

        if (email is not null)
        {
            foreach (var earlier in keys.Previous.Select(derivation => derivation.ForEmail(email)).Distinct().Where(earlier => earlier != keys.ForEmail(email)))
            {
                foreach (var row in await ReadAsync(names.Suppressions, Partition(earlier), cancellationToken).ConfigureAwait(false))
                {
                    if (await CopyRowAsync(names.Suppressions, row, new TableEntity(row) { PartitionKey = keys.ForEmail(email).Value, ETag = default }, tally, cancellationToken).ConfigureAwait(false))
                    {
                        await DeleteAsync(names.Suppressions, row, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        // Rows elsewhere that name the customer: the last-order index (by row key) and journey events (whose row keys
        // hold the enrollment id) are moved within their partition; coupons and visitors' identity rows are rewritten.
        foreach (var (table, partitionKey, rowKey) in naming)
        {
            var read = await storage.Table(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!read.HasValue)
            {
                continue; // moved by an earlier run
            }

            var row = read.Value!;
            var moved = Moved(row, old, key, rewrite: true);
            moved.PartitionKey = row.PartitionKey;
            if (moved.RowKey == row.RowKey)
            {
                await storage.Table(table).UpdateEntityAsync(moved, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                tally.Count(table[storage.Names.Prefix.Length..]);
            }
            else if (await CopyRowAsync(table, row, moved, tally, cancellationToken).ConfigureAwait(false))
            {
                await DeleteAsync(table, row, cancellationToken).ConfigureAwait(false);
            }
        }

        if (tally.Conflicts > conflicts)
        {
            // Rows that differ under both keys: keep the old ones (and the address they are found by) for a person to look at.
            return;
        }

        // Then delete the old rows, the ones that name the address last, so a stopped run can be completed.
        await DeletePartitionAsync(names.Enrollments, old, cancellationToken).ConfigureAwait(false);
        await DeletePartitionAsync(names.SendHistory, old, cancellationToken).ConfigureAwait(false);
        await DeletePartitionAsync(names.CustomerEvents, old, cancellationToken).ConfigureAwait(false);
        foreach (var row in await ReadAsync(names.Profiles, Partition(old), cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey is not (TableProfileStore.RowKey or TableProfileStore.MovedRowKey))
            {
                await DeleteAsync(names.Profiles, row, cancellationToken).ConfigureAwait(false);
            }
        }

        // E-mails sent before the move carry unsubscribe links naming the old key: they find the customer by this row.
        await storage.Table(names.Profiles).UpsertEntityAsync(
            new TableEntity(old.Value, TableProfileStore.MovedRowKey) { [TableProfileStore.MovedToColumn] = key.Value }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await DeletePartitionAsync(names.Orders, old, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(names.Profiles, new TableEntity(old.Value, TableProfileStore.RowKey), cancellationToken).ConfigureAwait(false);
        if (profileConflict)
        {
            // The customer ordered again after the switch: their profile is rebuilt from all their orders, now together.
            await ingestion.ReprojectAsync(key, cancellationToken).ConfigureAwait(false);
            tally.ProfilesMerged++;
        }

        tally.Moved++;
    }

    /// <summary>The customer's key under the current secret, and their address, when an earlier derivation explains <paramref name="old"/>.</summary>
    private (CustomerKey Key, string? Email)? NewKeyOf(CustomerKey old, CustomerProfile? profile, IReadOnlyList<OrderRecord> held)
    {
        foreach (var derivation in keys.Previous)
        {
            if (held.FirstOrDefault(order => derivation.ForOrder(order) == old) is { } order)
            {
                var email = EmailAddress.IsPlausible(order.Customer.Email) ? order.Customer.Email : profile?.Email;
                return (keys.ForOrder(order)!.Value, EmailAddress.IsPlausible(email) ? email : null);
            }

            if (profile?.Email is { } address && derivation.ForEmailIfAny(address) == old)
            {
                return (keys.ForEmail(address), address);
            }
        }

        return null;
    }

    private async Task<bool> HasRunningEnrollmentAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        foreach (var row in await ReadAsync(storage.Names.Enrollments, Partition(customer), cancellationToken).ConfigureAwait(false))
        {
            if (!Enum.TryParse<EnrollmentStatus>(row.GetString("Status"), out var status) || status is not (EnrollmentStatus.Exited or EnrollmentStatus.Completed))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<CustomerKey>> CustomerPartitionsAsync(CancellationToken cancellationToken)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var names = storage.Names;
        foreach (var table in (string[])[names.Profiles, names.Orders, names.Enrollments, names.SendHistory, names.CustomerEvents])
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (CustomerKey.TryParse(row.PartitionKey, out _))
                {
                    found.Add(row.PartitionKey);
                }
            }
        }

        return [.. found.Select(CustomerKey.Parse)];
    }

    /// <summary>The row under the new key; with <paramref name="rewrite"/>, the old key is replaced wherever it appears (enrollment ids, their state, coupon rows).</summary>
    private static TableEntity Moved(TableEntity row, CustomerKey old, CustomerKey key, bool rewrite)
    {
        var moved = new TableEntity(row) { PartitionKey = key.Value, ETag = default };
        if (!rewrite)
        {
            return moved;
        }

        moved.RowKey = row.RowKey.Replace(old.Value, key.Value, StringComparison.Ordinal);
        foreach (var (name, value) in row)
        {
            if (value is string text && text.Contains(old.Value, StringComparison.Ordinal) && name is not ("PartitionKey" or "RowKey"))
            {
                moved[name] = text.Replace(old.Value, key.Value, StringComparison.Ordinal);
            }
        }

        return moved;
    }

    private async Task CopyPartitionAsync(string table, CustomerKey old, CustomerKey key, bool rewrite, Tally tally, CancellationToken cancellationToken)
    {
        foreach (var row in await ReadAsync(table, Partition(old), cancellationToken).ConfigureAwait(false))
        {
            await CopyRowAsync(table, row, Moved(row, old, key, rewrite), tally, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds <paramref name="copy"/>; <c>true</c> when it is there now (added, or added by an earlier run), <c>false</c> for a different row already there.</summary>
    private async Task<bool> CopyRowAsync(string table, TableEntity original, TableEntity copy, Tally tally, CancellationToken cancellationToken)
    {
        var client = storage.Table(table);
        try
        {
            await client.AddEntityAsync(copy, cancellationToken).ConfigureAwait(false);
            tally.Count(table[storage.Names.Prefix.Length..]);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var there = await client.GetEntityAsync<TableEntity>(copy.PartitionKey, copy.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (SameContent(there.Value, copy))
            {
                return true;
            }

            if (!(table == storage.Names.Profiles && original.RowKey == TableProfileStore.RowKey))
            {
                tally.Conflicts++;
            }

            return false;
        }
    }

    /// <summary>The mail sink names a send's files by a hash of its idempotency key, which holds the customer key.</summary>
    private async Task RenameMailCopiesAsync(CustomerKey old, CustomerKey key, CancellationToken cancellationToken)
    {
        var folder = mail.Value.SinkPath;
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var row in await ReadAsync(storage.Names.SendHistory, Partition(old), cancellationToken).ConfigureAwait(false))
        {
            var idempotencyKey = row.GetString("IdempotencyKey") ?? Uri.UnescapeDataString(row.RowKey);
            var from = MailSink.FileStem(idempotencyKey);
            var to = MailSink.FileStem(idempotencyKey.Replace(old.Value, key.Value, StringComparison.Ordinal));
            foreach (var extension in (string[])[".eml", ".html"])
            {
                var source = Path.Combine(folder, from + extension);
                var target = Path.Combine(folder, to + extension);
                if (File.Exists(source) && !File.Exists(target))
                {
                    File.Move(source, target);
                }
            }
        }
    }

    private async Task DeletePartitionAsync(string table, CustomerKey old, CancellationToken cancellationToken)
    {
        foreach (var row in await ReadAsync(table, Partition(old), cancellationToken).ConfigureAwait(false))
        {
            await DeleteAsync(table, row, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(string table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Table(table).DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already: deleted by an earlier run.
        }
    }

    private async Task<IReadOnlyList<TableEntity>> ReadAsync(string table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string Partition(CustomerKey key) => TableClient.CreateQueryFilter($"PartitionKey eq {key.Value}");

    private static bool SameContent(TableEntity there, TableEntity copy) =>
        Columns(there).SequenceEqual(Columns(copy));

    private static IEnumerable<KeyValuePair<string, string>> Columns(TableEntity row) =>
        row.Where(pair => pair.Key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey"))
            .Select(pair => KeyValuePair.Create(pair.Key, Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal);

    /// <summary>For each customer key, the rows outside its own partitions that name it.</summary>
    private sealed class Naming
    {
        private readonly Dictionary<string, List<(string Table, string PartitionKey, string RowKey)>> rows = new(StringComparer.Ordinal);

        public List<(string Table, string PartitionKey, string RowKey)> Of(CustomerKey key) =>
            rows.TryGetValue(key.Value, out var found) ? found : [];

        public async Task AddAsync(TableClient client, string table, Func<TableEntity, string?> customerOf, IReadOnlyList<string> columns, CancellationToken cancellationToken)
        {
            await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", .. columns], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                // Rows in the customer's own partition move with it.
                if (customerOf(row) is { } customer && customer != row.PartitionKey && CustomerKey.TryParse(customer, out _))
                {
                    if (!rows.TryGetValue(customer, out var list))
                    {
                        rows[customer] = list = [];
                    }

                    list.Add((table, row.PartitionKey, row.RowKey));
                }
            }
        }
    }

    private sealed class Tally
    {
        private readonly SortedDictionary<string, int> rows = new(StringComparer.Ordinal);

        public int Customers { get; set; }

        public int Moved { get; set; }

        public int AlreadyCurrent { get; set; }

        public int AlreadyMoved { get; set; }

        public int Unrecognised { get; set; }

        public int SkippedRunning { get; set; }

        public int ProfilesMerged { get; set; }

        public int Conflicts { get; set; }

        public void Count(string table) => rows[table] = rows.GetValueOrDefault(table) + 1;

        public RekeyReport ToReport() => new()
        {
            Customers = Customers,
            Moved = Moved,
            AlreadyCurrent = AlreadyCurrent,
            AlreadyMoved = AlreadyMoved,
            Unrecognised = Unrecognised,
            SkippedRunning = SkippedRunning,
            ProfilesMerged = ProfilesMerged,
            Conflicts = Conflicts,
            RowsMoved = new Dictionary<string, int>(rows, StringComparer.Ordinal),
        };
    }
}
