using EcCrm.Http.Webhooks;
using Microsoft.AspNetCore.Diagnostics;

namespace EcCrm.Server.Hosting;

/// <summary>
/// A request that fails because storage does not answer gets 503 with Retry-After, not a bare 500. Webhooks answer
/// their own 503 (<see cref="StorageUnavailable"/>); this covers the API and the pages, whose request may have been
/// carried out in part, so the answer says so rather than promising that nothing happened.
/// </summary>
internal sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageUnavailable.IsStorageFailure(exception))
        {
            return false;
        }

        LogUnavailable(exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = StorageUnavailable.RetryAfterSeconds;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = StorageUnavailable.RequestMayBePartial,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed while serving {Path}")]
    private partial void LogUnavailable(Exception exception, string path);
}
