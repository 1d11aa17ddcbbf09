using Azure;

namespace EcCrm.Infrastructure.Storage;

/// <summary>
/// Storage that does not answer at all (not running, wrong address): an outage to report in a sentence and wait out,
/// not a fault of EcCrm to report with a stack trace.
/// </summary>
public static class StorageUnreachable
{
    /// <summary>Whether no request reached storage: a connection that could not be made, or retries that never got an answer.</summary>
    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } or HttpRequestException => true,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => aggregate.InnerExceptions.All(Is),
        _ => false,
    };

    /// <summary>Why, in the words of the innermost error, such as "Connection refused (127.0.0.1:10002)".</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : exception;
        while (innermost.InnerException is { } inner && inner.Message.Length > 0 && innermost is not HttpRequestException)
        {
            innermost = inner;
        }

        return innermost.Message.Split('\n')[0].TrimEnd('.');
    }
}
