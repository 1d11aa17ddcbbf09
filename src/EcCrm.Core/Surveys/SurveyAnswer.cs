using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Surveys;

/// <summary>
/// A customer's answer to one survey e-mail (one row per send: its idempotency key), with the comment they left on the
/// follow-up page. Personal data: part of the customer's export, removed by erasure.
/// </summary>
public sealed record SurveyAnswer
{
    public required CustomerKey Customer { get; init; }

    /// <summary>The survey e-mail's idempotency key, <c>{enrollmentId}:{nodeId}:{visit}</c>.</summary>
    public required string IdempotencyKey { get; init; }

    public required string JourneyId { get; init; }

    public required string EnrollmentId { get; init; }

    /// <summary>The survey step's node id.</summary>
    public required string Survey { get; init; }

    public required SurveyKind Kind { get; init; }

    /// <summary>The score (<c>0</c>–<c>10</c>) or the choice id.</summary>
    public required string Answer { get; init; }

    public required DateTimeOffset FirstAnsweredAt { get; init; }

    public required DateTimeOffset AnsweredAt { get; init; }

    /// <summary>How often the answer was changed after the first.</summary>
    public int Changes { get; init; }

    /// <summary>The customer's own words from the follow-up page, if they wrote any.</summary>
    public string? Comment { get; init; }

    public DateTimeOffset? CommentedAt { get; init; }

    /// <summary>The score of an NPS answer; <c>null</c> for a choice.</summary>
    public int? Score => Kind == SurveyKind.Nps ? NpsGroups.Score(Answer) : null;
}
