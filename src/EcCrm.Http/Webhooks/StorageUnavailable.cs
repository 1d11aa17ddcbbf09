using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcCrm.Http.Webhooks;

/// <summary>
/// The 503 a webhook gets when storage fails while its delivery is being taken. It says what may have been kept, as
/// far as is known, and that retrying is safe: the platforms retry, and a repeated delivery is recognised.
/// </summary>
public static partial class StorageUnavailable
{
    /// <summary>Seconds a sender is asked to wait before retrying.</summary>
    public const string RetryAfterSeconds = "30";

    public const string OrderNotQueued =
        "Storage did not answer while the order was being queued, so it may not have been queued. Retry the delivery: an order that arrives more than once is counted once.";

    public const string EventsPartlyQueued =
        "Storage did not answer while the events were being queued, so some or all of them may not have been queued. Retry the whole delivery: events already queued are applied once.";

    public const string ComplianceRequestNotQueued =
        "Storage did not answer while the request was being queued, so it may not have been queued. Retry the delivery: a request carried out twice has the same effect.";

    public const string RequestMayBePartial =
        "Storage did not answer, so the request may have been carried out in part or not at all. Check its effect, or retry it later.";

    /// <summary>Whether <paramref name="exception"/> is storage failing (as opposed to a fault in EcCrm).</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is RequestFailedException or AggregateException { InnerException: RequestFailedException } or HttpRequestException;

    public static IResult Answer(HttpContext context, Exception exception, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageUnavailable));
        LogUnavailable(logger, exception, context.Request.Path);
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is unavailable", detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed while taking a delivery on {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string path);
}
