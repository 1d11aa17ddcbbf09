using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>JourneyEvents table: PartitionKey = journey id (reports read one partition), RowKey = the event's deterministic key.</summary>
public sealed class TableJourneyEventLog(StorageClients storage) : IJourneyEventLog
{
    private readonly TableClient table = storage.Table(storage.Names.JourneyEvents);

    public async Task RecordAsync(JourneyEventRecord journeyEvent, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(journeyEvent.JourneyId, TableKeys.Escape(journeyEvent.Key))
        {
            ["Version"] = journeyEvent.Version,
            ["EnrollmentId"] = journeyEvent.EnrollmentId,
            ["Customer"] = journeyEvent.Customer.Value,
            ["Group"] = journeyEvent.Group.ToString(),
            ["Kind"] = journeyEvent.Kind.ToString(),
            ["NodeId"] = journeyEvent.NodeId,
            ["Detail"] = journeyEvent.Detail,
            ["At"] = journeyEvent.At,
            ["OrderId"] = journeyEvent.OrderId,
            ["Revenue"] = journeyEvent.Revenue?.ToString(CultureInfo.InvariantCulture),
            ["Value"] = journeyEvent.Value?.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by an earlier attempt of the same input: keep the first.
        }
    }

    public async IAsyncEnumerable<JourneyEventRecord> ListAsync(string journeyId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {journeyId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new JourneyEventRecord(
                row.PartitionKey,
                row.GetInt32("Version") ?? 0,
                row.GetString("EnrollmentId") ?? string.Empty,
                CustomerKey.Parse(row.GetString("Customer")),
                Enum.TryParse<EnrollmentGroup>(row.GetString("Group"), out var group) ? group : EnrollmentGroup.Treatment,
                Uri.UnescapeDataString(row.RowKey),
                Enum.TryParse<JourneyEventKind>(row.GetString("Kind"), out var kind) ? kind : JourneyEventKind.FlowFinished,
                row.GetString("NodeId"),
                row.GetString("Detail"),
                row.GetDateTimeOffset("At") ?? default)
            {
                OrderId = row.GetString("OrderId"),
                Revenue = decimal.TryParse(row.GetString("Revenue"), NumberStyles.Number, CultureInfo.InvariantCulture, out var revenue) ? revenue : null,
                Value = decimal.TryParse(row.GetString("Value"), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null,
            };
        }
    }
}
