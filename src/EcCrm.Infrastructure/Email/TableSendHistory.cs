using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// SendHistory table: PartitionKey = customer key, RowKey = the send's idempotency key. A row is added (which fails
/// when it exists) or replaced if its ETag still matches what was read; it is never upserted or deleted. A send reads
/// its own row and the sends the frequency cap counts with one query of the customer's partition.
/// </summary>
public sealed class TableSendHistory(StorageClients storage) : ISendHistory
{
    private const string StatusColumn = "Status";

    /// <summary>Status names written before the ledger had its present states, read as the states they became.</summary>
    private static readonly Dictionary<string, SendStatus> FormerStatusNames = new(StringComparer.Ordinal)
    {
        ["Pending"] = SendStatus.Claimed,
        ["Sent"] = SendStatus.Accepted,
        ["Failed"] = SendStatus.Rejected,
    };

    private readonly TableClient table = storage.Table(storage.Names.SendHistory);

    public async Task<SendRecord?> GetAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer.Value, TableKeys.Escape(idempotencyKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    public async Task<SendRecord?> TryAddAsync(SendRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return record with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<SendRecord?> TryReplaceAsync(SendRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Version is not { } version)
        {
            throw new ArgumentException("A ledger row is replaced only at the version it was read at.", nameof(record));
        }

        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return record with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Changed (or, never by EcCrm, removed) since it was read: the caller reads it again.
            return null;
        }
    }

    public async Task<LedgerSnapshot> ReadAsync(CustomerKey customer, string idempotencyKey, DateTimeOffset? marketingSince, CancellationToken cancellationToken)
    {
        if (marketingSince is not { } since)
        {
            return new LedgerSnapshot(await GetAsync(customer, idempotencyKey, cancellationToken).ConfigureAwait(false), []);
        }

        // One query of the customer's partition: the row of this key, and the marketing sends of the window.
        var rowKey = TableKeys.Escape(idempotencyKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value} and (RowKey eq {rowKey} or (QueuedAt ge {since} and Transactional eq false))");
        SendRecord? own = null;
        var sends = new List<DateTimeOffset>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == rowKey)
            {
                own = ToRecord(row);
            }

            if (row.GetDateTimeOffset("QueuedAt") >= since && row.GetBoolean("Transactional") == false && SendStateMachine.MayHaveBeenSent(StatusOf(row)))
            {
                sends.Add(row.GetDateTimeOffset("SentAt") ?? row.GetDateTimeOffset("QueuedAt") ?? since);
            }
        }

        return new LedgerSnapshot(own, sends);
    }

    /// <summary>The row's status; one that cannot be read is taken as unconfirmed, so it is neither sent again nor forgotten.</summary>
    private static SendStatus StatusOf(TableEntity row) =>
        row.GetString(StatusColumn) is { } name && (Enum.TryParse<SendStatus>(name, out var status) || FormerStatusNames.TryGetValue(name, out status))
            ? status
            : SendStatus.Unconfirmed;

    private static TableEntity ToEntity(SendRecord record) => new(record.Customer.Value, TableKeys.Escape(record.IdempotencyKey))
    {
        ["IdempotencyKey"] = record.IdempotencyKey,
        [StatusColumn] = record.Status.ToString(),
        ["QueuedAt"] = record.QueuedAt,
        ["ClaimedAt"] = record.ClaimedAt,
        ["Attempts"] = record.Attempts,
        ["JourneyId"] = record.JourneyId,
        ["JourneyVersion"] = record.JourneyVersion,
        ["EnrollmentId"] = record.EnrollmentId,
        ["NodeId"] = record.NodeId,
        ["TemplateId"] = record.TemplateId,
        ["Subject"] = record.Subject,
        ["Transactional"] = record.Transactional,
        ["SentAt"] = record.SentAt,
        ["ProviderMessageId"] = record.ProviderMessageId,
        ["FailureReason"] = record.FailureReason,
        ["DeliveredAt"] = record.DeliveredAt,
        ["OpenedAt"] = record.OpenedAt,
        ["ClickedAt"] = record.ClickedAt,
        ["BouncedAt"] = record.BouncedAt,
        ["BounceReason"] = record.BounceReason,
        ["UnsubscribedAt"] = record.UnsubscribedAt,
    };

    internal static SendRecord ToRecord(TableEntity row) => new()
    {
        Customer = CustomerKey.Parse(row.PartitionKey),
        IdempotencyKey = row.GetString("IdempotencyKey") ?? Uri.UnescapeDataString(row.RowKey),
        Status = StatusOf(row),
        QueuedAt = row.GetDateTimeOffset("QueuedAt") ?? default,
        ClaimedAt = row.GetDateTimeOffset("ClaimedAt"),
        Attempts = row.GetInt32("Attempts") ?? 1,
        JourneyId = row.GetString("JourneyId"),
        JourneyVersion = row.GetInt32("JourneyVersion"),
        EnrollmentId = row.GetString("EnrollmentId"),
        NodeId = row.GetString("NodeId"),
        TemplateId = row.GetString("TemplateId"),
        Subject = row.GetString("Subject"),
        Transactional = row.GetBoolean("Transactional") ?? false,
        SentAt = row.GetDateTimeOffset("SentAt"),
        ProviderMessageId = row.GetString("ProviderMessageId"),
        FailureReason = row.GetString("FailureReason"),
        DeliveredAt = row.GetDateTimeOffset("DeliveredAt"),
        OpenedAt = row.GetDateTimeOffset("OpenedAt"),
        ClickedAt = row.GetDateTimeOffset("ClickedAt"),
        BouncedAt = row.GetDateTimeOffset("BouncedAt"),
        BounceReason = row.GetString("BounceReason"),
        UnsubscribedAt = row.GetDateTimeOffset("UnsubscribedAt"),
        Version = row.ETag.ToString(),
    };
}
