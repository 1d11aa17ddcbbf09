using EcCrm.Core.Consent;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Server.Security;

namespace EcCrm.Server.Customers;

/// <summary>
/// The customer API: <c>GET /api/customers/{key}</c>, <c>GET /api/customers?email=</c>, the data subject's rights:
/// <c>GET /api/customers/{key}/export</c> and <c>DELETE /api/customers/{key}</c> (erasure), and the consent ledger:
/// <c>GET /api/customers/{key}/consent</c> (the history) and <c>POST /api/customers/{key}/consent</c> (a change the shop's
/// own system learnt), and the customer's survey answers with their comments: <c>GET /api/customers/{key}/survey-answers</c>.
/// </summary>
internal static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").AddEndpointFilter<ApiKeyFilter>();
        customers.MapGet("/{key}", GetByKeyAsync).WithName("GetCustomer");
        customers.MapGet("/", GetByEmailAsync).WithName("FindCustomerByEmail");
        customers.MapGet("/{key}/export", ExportAsync).WithName("ExportCustomer");
        customers.MapDelete("/{key}", EraseAsync).WithName("EraseCustomer");
        customers.MapGet("/{key}/consent", ConsentAsync).WithName("GetCustomerConsent");
        customers.MapGet("/{key}/survey-answers", SurveyAnswersAsync).WithName("GetCustomerSurveyAnswers");
        customers.MapPost("/{key}/consent", RecordConsentAsync).WithName("RecordCustomerConsent");
        return app;
    }

    private static async Task<IResult> GetByKeyAsync(string key, CustomerQueries queries, CancellationToken cancellationToken) =>
        CustomerKey.TryParse(key, out var customerKey) ? ToResult(await queries.FindAsync(customerKey, cancellationToken)) : NotAKey();

    private static async Task<IResult> ExportAsync(string key, CustomerExport export, CancellationToken cancellationToken) =>
        CustomerKey.TryParse(key, out var customerKey) ? OkOr404(await export.ExportAsync(customerKey, cancellationToken)) : NotAKey();

    private static async Task<IResult> EraseAsync(string key, CustomerErasure erasure, CancellationToken cancellationToken) =>
        CustomerKey.TryParse(key, out var customerKey) ? OkOr404(await erasure.EraseAsync(customerKey, cancellationToken)) : NotAKey();

    private static async Task<IResult> ConsentAsync(string key, ConsentRecords consent, CancellationToken cancellationToken) =>
        CustomerKey.TryParse(key, out var customerKey) ? Results.Ok(await consent.HistoryAsync(customerKey, cancellationToken)) : NotAKey();

    private static async Task<IResult> SurveyAnswersAsync(string key, ISurveyAnswerStore answers, CancellationToken cancellationToken) =>
        CustomerKey.TryParse(key, out var customerKey) ? Results.Ok(await answers.ListByCustomerAsync(customerKey, cancellationToken)) : NotAKey();

    private static async Task<IResult> RecordConsentAsync(string key, ConsentStatement? statement, ConsentRecords consent, CancellationToken cancellationToken)
    {
        if (!CustomerKey.TryParse(key, out var customerKey))
        {
            return NotAKey();
        }

        if (statement is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Consent statement required",
                detail: "Post { \"optIn\": true, \"at\": \"2026-03-01T09:30:00+09:00\", \"reference\": \"form-123\", \"method\": \"newsletter form\" }.");
        }

        try
        {
            return OkOr404(await consent.RecordAsync(customerKey, statement, cancellationToken));
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a consent statement", detail: ex.Message);
        }
    }

    private static IResult NotAKey() => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a customer key",
        detail: "A customer key is 32 lowercase hex characters; to find a customer's key by address use /api/customers?email=.");

    private static async Task<IResult> GetByEmailAsync(string? email, CustomerQueries queries, CancellationToken cancellationToken)
    {
        if (!EmailAddress.IsPlausible(email))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "E-mail address required",
                detail: "Pass the customer's address as ?email=, e.g. /api/customers?email=jane%40example.com.");
        }

        return ToResult(await queries.FindByEmailAsync(email!, cancellationToken));
    }

    private static IResult ToResult(CustomerView? view) => OkOr404(view);

    private static IResult OkOr404<T>(T? value)
        where T : class => value is null
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such customer")
        : Results.Ok(value);
}
