namespace EcCrm.Core.Surveys;

/// <summary>Survey answers for reports: the NPS report and the CSV export of every answer.</summary>
public sealed class SurveyReports(ISurveyAnswerStore answers)
{
    public async Task<SurveyReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        SurveyReport.From(await AnswersAsync(since, cancellationToken).ConfigureAwait(false), since);

    /// <summary>Every answer given or changed since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<SurveyAnswer>> AnswersAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var list = new List<SurveyAnswer>();
        await foreach (var answer in answers.ListSinceAsync(since, cancellationToken).ConfigureAwait(false))
        {
            list.Add(answer);
        }

        return [.. list.OrderBy(answer => answer.FirstAnsweredAt).ThenBy(answer => answer.IdempotencyKey, StringComparer.Ordinal)];
    }
}
