using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Surveys;

/// <summary>
/// The <c>survey</c> variable of a survey step's e-mail: the question kind, whether a comment is asked for, and one
/// signed link per answer (<c>survey.answers</c>: <c>value</c> and <c>url</c>, in order: 0 to 10, or the choices).
/// </summary>
public sealed record SurveyEmail(SurveyKind Kind, bool FollowUp, IReadOnlyList<(string Value, Uri Url)> Answers)
{
    /// <summary>The links of one survey e-mail, all made at <paramref name="sentAt"/> for the send <paramref name="idempotencyKey"/>.</summary>
    public static SurveyEmail For(SurveyQuestion question, string idempotencyKey, DateTimeOffset sentAt, SurveyTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(tokens);
        return new SurveyEmail(
            question.Kind,
            question.FollowUp,
            [.. question.Answers.Select(answer => (answer, tokens.LinkFor(new SurveyLink(idempotencyKey, question.Kind, answer, sentAt, question.FollowUp))))]);
    }
}
