using EcCrm.Core.Profiles;

namespace EcCrm.Core.Surveys;

/// <summary>Survey answers, one per survey e-mail, kept with the customer. Writes that race are guarded by ETags.</summary>
public interface ISurveyAnswerStore
{
    Task<StoredSurveyAnswer?> GetAsync(CustomerKey customer, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Adds the first answer; <c>false</c> when the e-mail has one already.</summary>
    Task<bool> TryAddAsync(SurveyAnswer answer, CancellationToken cancellationToken);

    /// <summary>Replaces the answer if it is still at <paramref name="etag"/>; <c>false</c> when it changed meanwhile.</summary>
    Task<bool> TryReplaceAsync(SurveyAnswer answer, string etag, CancellationToken cancellationToken);

    Task<IReadOnlyList<SurveyAnswer>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>Every answer given since <paramref name="since"/>, for reports and the CSV export.</summary>
    IAsyncEnumerable<SurveyAnswer> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes every answer of the customer; returns how many there were.</summary>
    Task<int> EraseAsync(CustomerKey customer, CancellationToken cancellationToken);
}
