using EcCrm.Core.Profiles;
using EcCrm.Server.Security;

namespace EcCrm.Server.Customers;

/// <summary>The read API: <c>GET /api/customers/{key}</c> and <c>GET /api/customers?email=</c>.</summary>
internal static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").AddEndpointFilter<ApiKeyFilter>();
        customers.MapGet("/{key}", GetByKeyAsync).WithName("GetCustomer");
        customers.MapGet("/", GetByEmailAsync).WithName("FindCustomerByEmail");
        return app;
    }

    private static async Task<IResult> GetByKeyAsync(string key, CustomerQueries queries, CancellationToken cancellationToken)
    {
        if (!CustomerKey.TryParse(key, out var customerKey))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a customer key",
                detail: "A customer key is 32 lowercase hex characters; to look a customer up by address use /api/customers?email=.");
        }

        return ToResult(await queries.FindAsync(customerKey, cancellationToken));
    }

    private static async Task<IResult> GetByEmailAsync(string? email, CustomerQueries queries, CancellationToken cancellationToken)
    {
        if (!EmailAddress.IsPlausible(email))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "E-mail address required",
                detail: "Pass the customer's address as ?email=, e.g. /api/customers?email=jane%40example.com.");
        }

        return ToResult(await queries.FindByEmailAsync(email!, cancellationToken));
    }

    private static IResult ToResult(CustomerView? view) => view is null
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such customer")
        : Results.Ok(view);
}
