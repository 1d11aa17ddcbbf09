using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Security;

/// <summary>Lets a request through only with the right <c>X-Api-Key</c>, compared in constant time.</summary>
public sealed class ApiKeyFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var provided = context.HttpContext.Request.Headers[HeaderName].ToString();
        return Matches(provided, options.Value.Key!)
            ? await next(context).ConfigureAwait(false)
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"Send the API key in the {HeaderName} header.");
    }

    public static bool Matches(string provided, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(provided)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
