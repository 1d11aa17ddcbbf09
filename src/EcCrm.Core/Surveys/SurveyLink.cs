using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Surveys;

/// <summary>
/// What one answer link says: the survey e-mail it came in (its send's idempotency key, <c>{enrollmentId}:{nodeId}:{visit}</c>),
/// the answer it gives, when the e-mail was made, and whether the page asks for a comment.
/// </summary>
public sealed record SurveyLink(string IdempotencyKey, SurveyKind Kind, string Answer, DateTimeOffset IssuedAt, bool FollowUp)
{
    public string EnrollmentId => EnrollmentIds.FromIdempotencyKey(IdempotencyKey) ?? throw new FormatException($"'{IdempotencyKey}' is not a send's idempotency key.");

    public CustomerKey Customer => EnrollmentIds.CustomerOf(EnrollmentId);

    public string JourneyId => IdempotencyKey.Split(':')[0];

    /// <summary>The survey step's node id.</summary>
    public string Survey => IdempotencyKey.Split(':')[3];
}
