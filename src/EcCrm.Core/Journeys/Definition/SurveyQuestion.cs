namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// The question of a <c>survey</c> step: an NPS (answers <c>0</c> to <c>10</c>) or a choice (answers are the ids in
/// <see cref="Choices"/>). With <see cref="FollowUp"/>, the page an answer link opens asks for a comment too.
/// </summary>
public sealed record SurveyQuestion(SurveyKind Kind, IReadOnlyList<string> Choices, bool FollowUp)
{
    /// <summary>The most choices a choice question offers: each is a link in the e-mail.</summary>
    public const int MaxChoices = 8;

    /// <summary>Every answer a link can carry, in the order the e-mail shows them.</summary>
    public IReadOnlyList<string> Answers => Kind == SurveyKind.Nps ? NpsScores : Choices;

    public bool Accepts(string answer) => Answers.Contains(answer, StringComparer.Ordinal);

    private static readonly string[] NpsScores = [.. Enumerable.Range(0, 11).Select(score => score.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
