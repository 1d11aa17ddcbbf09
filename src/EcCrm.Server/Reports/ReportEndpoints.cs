using EcCrm.Core.Analytics;
using EcCrm.Server.Security;

namespace EcCrm.Server.Reports;

/// <summary>
/// <c>GET /api/reports/journeys/{id}</c> and <c>GET /api/reports/customers</c>: JSON, or one CSV table with
/// <c>?format=csv&amp;table=…</c> (the summary by default). docs/reports.md defines every figure.
/// </summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").AddEndpointFilter<ApiKeyFilter>();
        reports.MapGet("/journeys/{journeyId}", JourneyAsync).WithName("JourneyReport");
        reports.MapGet("/customers", CustomersAsync).WithName("CustomerReport");
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

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static IResult Csv(string? content, string fileName, IReadOnlyList<string> tables) => content is null
        ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No such table", detail: $"CSV comes one table at a time: table={string.Join(", table=", tables)}.")
        : Results.File(System.Text.Encoding.UTF8.GetBytes(content), "text/csv; charset=utf-8", fileName);
}
