using EcCrm.Core.Analytics;
using EcCrm.Core.Surveys;
using EcCrm.Server.Security;

namespace EcCrm.Server.Reports;

/// <summary>
/// <c>GET /api/reports/journeys/{id}</c> and <c>GET /api/reports/customers</c>: JSON, or one CSV table with
/// <c>?format=csv&amp;table=…</c> (the summary by default); <c>GET /api/reports/surveys?since=yyyy-MM-dd</c>: NPS (JSON), or every
/// survey answer with <c>?format=csv</c>. docs/reports.md defines every figure.
/// </summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").AddEndpointFilter<ApiKeyFilter>();
        reports.MapGet("/journeys/{journeyId}", JourneyAsync).WithName("JourneyReport");
        reports.MapGet("/customers", CustomersAsync).WithName("CustomerReport");
        reports.MapGet("/surveys", SurveysAsync).WithName("SurveyReport");
        return app;
    }

    private static async Task<IResult> JourneyAsync(string journeyId, string? format, string? table, ReportQueries reports, CancellationToken cancellationToken)
    {
        if (await reports.JourneyAsync(journeyId, cancellationToken) is not { } report)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such journey", detail: $"No journey '{journeyId}' is published.");
        }

        return IsCsv(format) ? Csv(ReportCsv.Journey(report, table ?? ReportCsv.Summary), $"journey-{journeyId}-{table ?? ReportCsv.Summary}.csv", ReportCsv.JourneyTables) : Results.Ok(report);
    }

    private static async Task<IResult> CustomersAsync(string? format, string? table, ReportQueries reports, CancellationToken cancellationToken)
    {
        var report = await reports.CustomersAsync(cancellationToken);
        return IsCsv(format) ? Csv(ReportCsv.Customers(report, table ?? ReportCsv.Summary), $"customers-{table ?? ReportCsv.Summary}.csv", ReportCsv.CustomerTables) : Results.Ok(report);
    }

    /// <summary>NPS overall, per journey and per week with the latest comments (JSON), or every answer since then (<c>format=csv</c>).</summary>
    private static async Task<IResult> SurveysAsync(string? since, string? format, SurveyReports surveys, TimeProvider time, CancellationToken cancellationToken)
    {
        DateTimeOffset from;
        if (since is null)
        {
            from = time.GetUtcNow().AddDays(-DefaultSurveyDays);
        }
        else if (DateOnly.TryParseExact(since, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a date", detail: $"since must be a date such as 2026-03-01 (UTC), not '{since}'.");
        }

        return IsCsv(format)
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(ReportCsv.SurveyAnswers(await surveys.AnswersAsync(from, cancellationToken))), "text/csv; charset=utf-8", $"survey-answers-{from:yyyy-MM-dd}.csv")
            : Results.Ok(await surveys.ReportAsync(from, cancellationToken));
    }

    /// <summary>How far back survey reports look without <c>since</c>.</summary>
    private const int DefaultSurveyDays = 90;

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static IResult Csv(string? content, string fileName, IReadOnlyList<string> tables) => content is null
        ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No such table", detail: $"CSV comes one table at a time: table={string.Join(", table=", tables)}.")
        : Results.File(System.Text.Encoding.UTF8.GetBytes(content), "text/csv; charset=utf-8", fileName);
}
