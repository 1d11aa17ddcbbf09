using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// SendHistory table: PartitionKey = customer key, RowKey = the send's idempotency key. The claim is an AddEntity, so
/// two attempts at one send cannot both succeed; the frequency cap reads the customer's partition.
/// </summary>
public sealed class TableSendHistory(StorageClients storage) : ISendHistory
{
    private readonly TableClient table = storage.Table(storage.Names.SendHistory);

    public async Task<SendRecord?> GetAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer.Value, TableKeys.Escape(idempotencyKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    public async Task<bool> TryClaimAsync(SendRecord pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        try
        {
            await table.AddEntityAsync(ToEntity(pending), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task UpdateAsync(SendRecord record, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

    public async Task ReleaseAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(customer.Value, TableKeys.Escape(idempotencyKey), ETag.All, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<DateTimeOffset>> MarketingSendsSinceAsync(CustomerKey customer, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value} and QueuedAt ge {since} and Transactional eq false");
        var sends = new List<DateTimeOffset>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["QueuedAt", "SentAt", "Status"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("Status") != nameof(SendStatus.Failed))
            {
                sends.Add(row.GetDateTimeOffset("SentAt") ?? row.GetDateTimeOffset("QueuedAt") ?? since);
            }
        }

        return sends;
    }

    private static TableEntity ToEntity(SendRecord record) => new(record.Customer.Value, TableKeys.Escape(record.IdempotencyKey))
    {
        ["IdempotencyKey"] = record.IdempotencyKey,
        ["Status"] = record.Status.ToString(),
        ["QueuedAt"] = record.QueuedAt,
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

    private static SendRecord ToRecord(TableEntity row) => new()
    {
        Customer = CustomerKey.Parse(row.PartitionKey),
        IdempotencyKey = row.GetString("IdempotencyKey") ?? Uri.UnescapeDataString(row.RowKey),
        Status = Enum.TryParse<SendStatus>(row.GetString("Status"), out var status) ? status : SendStatus.Unconfirmed,
        QueuedAt = row.GetDateTimeOffset("QueuedAt") ?? default,
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
    };
}
