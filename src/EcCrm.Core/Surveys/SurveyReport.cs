using System.Globalization;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Surveys;

/// <summary>
/// NPS from survey answers (each e-mail's answer as it stands): overall, per journey, per week (weeks start on Monday,
/// UTC, by when the answer was first given), and the latest comments. docs/reports.md defines the figures.
/// </summary>
public sealed record SurveyReport(
    DateTimeOffset Since,
    NpsFigures Overall,
    IReadOnlyList<NpsFigures> Journeys,
    IReadOnlyList<NpsFigures> Weeks,
    IReadOnlyList<SurveyComment> Comments)
{
    /// <summary>The most comments a report shows, newest first.</summary>
    public const int MaxComments = 50;

    public static SurveyReport From(IEnumerable<SurveyAnswer> answers, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var all = answers.ToList();
        var scored = all.Where(answer => answer.Score is not null).ToList();
        return new SurveyReport(
            since,
            NpsFigures.Of("all", scored),
            [.. scored.GroupBy(answer => answer.JourneyId, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => NpsFigures.Of(group.Key, group))],
            [.. scored.GroupBy(answer => WeekOf(answer.FirstAnsweredAt)).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => NpsFigures.Of(group.Key, group))],
            [.. all.Where(answer => !string.IsNullOrWhiteSpace(answer.Comment)).OrderByDescending(answer => answer.CommentedAt ?? answer.AnsweredAt).Take(MaxComments)
                .Select(answer => new SurveyComment(answer.CommentedAt ?? answer.AnsweredAt, answer.JourneyId, answer.Survey, answer.Answer, answer.Comment!, answer.Customer.Value))]);
    }

    /// <summary>The Monday (UTC) of the week <paramref name="at"/> falls in, as <c>yyyy-MM-dd</c>.</summary>
    public static string WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}

/// <summary>The NPS of one group of answers (<see cref="Key"/>: <c>all</c>, a journey id or a week's Monday).</summary>
public sealed record NpsFigures(string Key, int Answers, int Promoters, int Passives, int Detractors, double? Nps)
{
    public static NpsFigures Of(string key, IEnumerable<SurveyAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var scores = answers.Select(answer => answer.Score).OfType<int>().ToList();
        return new NpsFigures(
            key,
            scores.Count,
            scores.Count(score => NpsGroups.Of(score) == NpsGroup.Promoter),
            scores.Count(score => NpsGroups.Of(score) == NpsGroup.Passive),
            scores.Count(score => NpsGroups.Of(score) == NpsGroup.Detractor),
            NpsGroups.Nps(scores));
    }
}

/// <summary>A comment left on a survey's follow-up page.</summary>
public sealed record SurveyComment(DateTimeOffset At, string JourneyId, string Survey, string Answer, string Comment, string Customer);
