using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Surveys;

/// <summary>
/// SurveyAnswers table: PartitionKey = customer key (a customer's answers are read, exported and erased together), RowKey
/// = the survey e-mail's idempotency key (one answer per e-mail; a second add of it conflicts). Changes are ETag-guarded.
/// Reports read the whole table filtered by time: answers are few beside orders and sends.
/// </summary>
public sealed class TableSurveyAnswers(StorageClients storage) : ISurveyAnswerStore
{
    private readonly TableClient table = storage.Table(storage.Names.SurveyAnswers);

    public async Task<StoredSurveyAnswer?> GetAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer.Value, idempotencyKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? new StoredSurveyAnswer(ToAnswer(entity), entity.ETag.ToString()) : null;
    }

    public async Task<bool> TryAddAsync(SurveyAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(answer), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(SurveyAnswer answer, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(answer), new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<SurveyAnswer>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var answers = new List<SurveyAnswer>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            answers.Add(ToAnswer(row));
        }

        return [.. answers.OrderBy(answer => answer.FirstAnsweredAt)];
    }

    public async IAsyncEnumerable<SurveyAnswer> ListSinceAsync(DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"AnsweredAt ge {since}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToAnswer(row);
        }
    }

    public async Task<int> EraseAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var erased = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {customer.Value}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                erased++;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Gone already (a retried erasure).
            }
        }

        return erased;
    }

    private static TableEntity ToEntity(SurveyAnswer answer) => new(answer.Customer.Value, answer.IdempotencyKey)
    {
        ["JourneyId"] = answer.JourneyId,
        ["EnrollmentId"] = answer.EnrollmentId,
        ["Survey"] = answer.Survey,
        ["Kind"] = answer.Kind.ToString(),
        ["Answer"] = answer.Answer,
        ["Score"] = answer.Score,
        ["FirstAnsweredAt"] = answer.FirstAnsweredAt,
        ["AnsweredAt"] = answer.AnsweredAt,
        ["Changes"] = answer.Changes,
        ["Comment"] = answer.Comment,
        ["CommentedAt"] = answer.CommentedAt,
    };

    private static SurveyAnswer ToAnswer(TableEntity row) => new()
    {
        Customer = CustomerKey.Parse(row.PartitionKey),
        IdempotencyKey = row.RowKey,
        JourneyId = row.GetString("JourneyId") ?? string.Empty,
        EnrollmentId = row.GetString("EnrollmentId") ?? string.Empty,
        Survey = row.GetString("Survey") ?? string.Empty,
        Kind = Enum.TryParse<SurveyKind>(row.GetString("Kind"), out var kind) ? kind : SurveyKind.Nps,
        Answer = row.GetString("Answer") ?? string.Empty,
        FirstAnsweredAt = row.GetDateTimeOffset("FirstAnsweredAt") ?? default,
        AnsweredAt = row.GetDateTimeOffset("AnsweredAt") ?? default,
        Changes = row.GetInt32("Changes") ?? 0,
        Comment = row.GetString("Comment"),
        CommentedAt = row.GetDateTimeOffset("CommentedAt"),
    };
}
