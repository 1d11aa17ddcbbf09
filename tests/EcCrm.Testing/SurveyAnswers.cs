using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;

namespace EcCrm.Testing;

/// <summary>Survey answers as the survey page stores them, for tests of what reads them.</summary>
public static class SurveyAnswers
{
    public static SurveyAnswer Nps(string email, string journeyId, string score, DateTimeOffset at, string? comment = null)
    {
        var customer = TestKeys.ForEmail(email);
        return new SurveyAnswer
        {
            Customer = customer,
            IdempotencyKey = $"{journeyId}:{customer}:1:ask:1",
            JourneyId = journeyId,
            EnrollmentId = $"{journeyId}:{customer}:1",
            Survey = "ask",
            Kind = SurveyKind.Nps,
            Answer = score,
            FirstAnsweredAt = at,
            AnsweredAt = at,
            Comment = comment,
            CommentedAt = comment is null ? null : at,
        };
    }
}
