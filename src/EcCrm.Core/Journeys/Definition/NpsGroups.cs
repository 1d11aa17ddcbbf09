using System.Globalization;

namespace EcCrm.Core.Journeys.Definition;

/// <summary>Scores and their <see cref="NpsGroup"/>, and the score of a set of answers.</summary>
public static class NpsGroups
{
    public static NpsGroup Of(int score) => score switch
    {
        <= 6 => NpsGroup.Detractor,
        <= 8 => NpsGroup.Passive,
        _ => NpsGroup.Promoter,
    };

    /// <summary>The score of an NPS answer, or <c>null</c> when the text is not one of 0 to 10.</summary>
    public static int? Score(string? answer) =>
        int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 10 && answer!.Length <= 2 ? score : null;

    /// <summary>The Net Promoter Score of some scores: percent promoters minus percent detractors (−100 to 100); <c>null</c> without any.</summary>
    public static double? Nps(IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int count = 0, promoters = 0, detractors = 0;
        foreach (var score in scores)
        {
            count++;
            promoters += Of(score) == NpsGroup.Promoter ? 1 : 0;
            detractors += Of(score) == NpsGroup.Detractor ? 1 : 0;
        }

        return count == 0 ? null : 100.0 * (promoters - detractors) / count;
    }
}
