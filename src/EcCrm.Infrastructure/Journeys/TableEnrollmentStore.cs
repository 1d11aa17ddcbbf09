using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Enrollments table: PartitionKey = customer key, RowKey = enrollment id. The decider's state is JSON in
/// <c>State</c>; status, node and next wake-up are columns too, for people and queries.
/// </summary>
public sealed class TableEnrollmentStore(StorageClients storage) : IEnrollmentStore
{
    private readonly TableClient table = storage.Table(storage.Names.Enrollments);

    public async Task<bool> TryCreateAsync(EnrollmentRecord enrollment, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(enrollment), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<Versioned<EnrollmentRecord>?> GetAsync(string enrollmentId, CancellationToken cancellationToken)
    {
        var customer = EnrollmentIds.CustomerOf(enrollmentId);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer.Value, enrollmentId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new Versioned<EnrollmentRecord>(FromEntity(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<string?> TryReplaceAsync(EnrollmentRecord enrollment, string version, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(enrollment), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<EnrollmentRecord>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var enrollments = new List<EnrollmentRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            enrollments.Add(FromEntity(row));
        }

        return enrollments;
    }

    public async Task<IReadOnlyList<EnrollmentRecord>> ListByJourneyAsync(string journeyId, CancellationToken cancellationToken)
    {
        var enrollments = new List<EnrollmentRecord>();
        var filter = TableClient.CreateQueryFilter($"JourneyId eq {journeyId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            enrollments.Add(FromEntity(row));
        }

        return enrollments;
    }

    private static TableEntity ToEntity(EnrollmentRecord enrollment) => new(enrollment.Customer.Value, enrollment.EnrollmentId)
    {
        ["JourneyId"] = enrollment.JourneyId,
        ["Version"] = enrollment.Version,
        ["Group"] = enrollment.Group.ToString(),
        ["Status"] = enrollment.State.Status.ToString(),
        ["Node"] = enrollment.State.Node,
        ["NextWakeAt"] = enrollment.State.TimerAt,
        ["EnteredAt"] = enrollment.State.Status == EnrollmentStatus.New ? null : enrollment.State.EnteredAt,
        ["EndedAt"] = enrollment.State.EndedAt,
        ["ExitReason"] = enrollment.State.ExitReason?.ToString(),
        ["CreatedAt"] = enrollment.CreatedAt,
        ["State"] = JsonSerializer.Serialize(enrollment.State, EcCrmJson.Options),
    };

    private static EnrollmentRecord FromEntity(TableEntity row) => new()
    {
        EnrollmentId = row.RowKey,
        Customer = CustomerKey.Parse(row.PartitionKey),
        JourneyId = row.GetString("JourneyId"),
        Version = row.GetInt32("Version") ?? 0,
        Group = Enum.TryParse<EnrollmentGroup>(row.GetString("Group"), out var group) ? group : EnrollmentGroup.Treatment,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        State = JsonSerializer.Deserialize<EnrollmentState>(row.GetString("State") ?? "{}", EcCrmJson.Options) ?? EnrollmentState.NotStarted,
    };
}
