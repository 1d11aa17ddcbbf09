using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Surveys;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Surveys;

public class SurveyReportTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, NpsGroup.Detractor)]
    [InlineData(6, NpsGroup.Detractor)]
    [InlineData(7, NpsGroup.Passive)]
    [InlineData(8, NpsGroup.Passive)]
    [InlineData(9, NpsGroup.Promoter)]
    [InlineData(10, NpsGroup.Promoter)]
    public void GroupsScoresAsTheNetPromoterScoreDoes(int score, NpsGroup group) => Assert.Equal(group, NpsGroups.Of(score));

    [Fact]
    public void CountsNpsOverallPerJourneyAndPerWeekStartingMondayAndListsTheNewestCommentsFirst()
    {
        var report = SurveyReport.From(
            [
                SurveyAnswers.Nps("a@example.com", "nps", "10", Wednesday),
                SurveyAnswers.Nps("b@example.com", "nps", "0", Wednesday.AddHours(1), "too slow"),
                SurveyAnswers.Nps("c@example.com", "nps", "8", Wednesday.AddDays(-3)),
                SurveyAnswers.Nps("d@example.com", "other", "9", Wednesday.AddDays(5), "lovely"),
            ],
            Wednesday.AddDays(-30));

        Assert.Equal(new NpsFigures("all", 4, 2, 1, 1, 25), report.Overall);
        Assert.Equal([new NpsFigures("nps", 3, 1, 1, 1, 0), new NpsFigures("other", 1, 1, 0, 0, 100)], report.Journeys);
        Assert.Equal(["2026-03-02", "2026-03-09", "2026-03-16"], report.Weeks.Select(week => week.Key));
        Assert.Equal(["lovely", "too slow"], report.Comments.Select(comment => comment.Comment));
        Assert.Null(SurveyReport.From([], Wednesday).Overall.Nps);
    }

    [Fact]
    public void ScoresAreOnlyTheElevenAnswersOfAnNpsQuestion()
    {
        Assert.Equal(10, NpsGroups.Score("10"));
        Assert.Null(NpsGroups.Score("11"));
        Assert.Null(NpsGroups.Score("-1"));
        Assert.Null(NpsGroups.Score("007"));
        Assert.Null(NpsGroups.Score(" 7"));
    }
}
