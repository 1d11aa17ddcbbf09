using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Webhooks;

/// <summary>WebhookReceipts table: PartitionKey = source, RowKey = the platform's delivery id.</summary>
public sealed class TableWebhookReceipts(StorageClients storage, TimeProvider time) : IWebhookReceipts
{
    private readonly TableClient table = storage.Table(storage.Names.WebhookReceipts);

    public async Task<bool> HasSeenAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(source, TableKeys.Escape(deliveryId), ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    public async Task RecordAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(source, TableKeys.Escape(deliveryId)) { ["ReceivedAt"] = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // A concurrent retry of the same delivery recorded it first: the same fact.
        }
    }
}
