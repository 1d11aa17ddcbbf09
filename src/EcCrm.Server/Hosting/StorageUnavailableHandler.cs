using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace EcCrm.Server.Hosting;

/// <summary>
/// A request that fails because storage does not answer gets 503 with Retry-After, not a bare 500: shop
/// platforms retry such deliveries, and nothing was accepted that could be lost.
/// </summary>
internal sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RequestFailedException or AggregateException { InnerException: RequestFailedException } or HttpRequestException))
        {
            return false;
        }

        LogUnavailable(exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = "Nothing was accepted. Retry the request later.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed while serving {Path}")]
    private partial void LogUnavailable(Exception exception, string path);
}
