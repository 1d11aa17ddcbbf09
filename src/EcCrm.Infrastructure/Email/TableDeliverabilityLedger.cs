using Azure.Data.Tables;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Deliverability table: PartitionKey = journey id (the guard reads one partition), RowKey = the send's idempotency key;
/// <c>At</c> (the latest event's time), <c>Bounced</c> and <c>Complained</c>. Marks are merged, and only ever set, so a
/// redelivered or late event leaves the row as right as before. No personal data: keys and flags only.
/// </summary>
public sealed class TableDeliverabilityLedger(StorageClients storage) : IDeliverabilityLedger
{
    private const string AtColumn = "At";
    private const string BouncedColumn = "Bounced";
    private const string ComplainedColumn = "Complained";

    private readonly TableClient table = storage.Table(storage.Names.Deliverability);

    public async Task MarkAsync(string journeyId, string idempotencyKey, DeliverabilityMark mark, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(journeyId, TableKeys.Escape(idempotencyKey)) { [AtColumn] = at };
        switch (mark)
        {
            case DeliverabilityMark.Bounced:
                entity[BouncedColumn] = true;
                break;
            case DeliverabilityMark.Complained:
                entity[ComplainedColumn] = true;
                break;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeliverabilityCounts> CountAsync(string journeyId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        int sends = 0, bounces = 0, complaints = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {journeyId} and At ge {since}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [BouncedColumn, ComplainedColumn], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            sends++;
            bounces += row.GetBoolean(BouncedColumn) == true ? 1 : 0;
            complaints += row.GetBoolean(ComplainedColumn) == true ? 1 : 0;
        }

        return new DeliverabilityCounts(sends, bounces, complaints);
    }

    // A mark merged since the scan read the row (a late event) keeps it.
    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        table.DeleteFoundAsync(TableClient.CreateQueryFilter($"At lt {before}"), cancellationToken);
}
