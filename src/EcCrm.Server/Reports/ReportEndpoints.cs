using EcCrm.Core.Analytics;
using EcCrm.Server.Security;

namespace EcCrm.Server.Reports;

/// <summary><c>GET /api/reports/journeys/{id}</c> and <c>GET /api/reports/customers</c>: JSON, or CSV with <c>?format=csv</c>.</summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").AddEndpointFilter<ApiKeyFilter>();
        reports.MapGet("/journeys/{journeyId}", JourneyAsync).WithName("JourneyReport");
        reports.MapGet("/customers", CustomersAsync).WithName("CustomerReport");
        return app;
    }

    private static async Task<IResult> JourneyAsync(string journeyId, string? format, ReportQueries reports, CancellationToken cancellationToken)
    {
        if (await reports.JourneyAsync(journeyId, cancellationToken) is not { } report)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such journey", detail: $"No journey '{journeyId}' is published.");
        }

        return IsCsv(format) ? Csv(ReportCsv.Journey(report), $"journey-{journeyId}.csv") : Results.Ok(report);
    }

    private static async Task<IResult> CustomersAsync(string? format, ReportQueries reports, CancellationToken cancellationToken)
    {
        var report = await reports.CustomersAsync(cancellationToken);
        return IsCsv(format) ? Csv(ReportCsv.Customers(report), "customers.csv") : Results.Ok(report);
    }

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static IResult Csv(string content, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(content), "text/csv; charset=utf-8", fileName);
}
