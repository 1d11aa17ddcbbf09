using System.Diagnostics;

namespace EcCrm.Testing;

/// <summary>
/// Records the HTTP requests this process makes to storage (System.Net.Http's activities), with their path, status and
/// duration: the storage calls a piece of work really makes, counted rather than read off the code. With a prefix, only
/// requests to that test's own tables, queues and containers are kept, so tests running alongside do not count.
/// </summary>
public sealed class StorageRequests : IDisposable
{
    private const string HttpSource = "System.Net.Http";

    private readonly ActivityListener listener;
    private readonly HashSet<int> ports;
    private readonly Lock gate = new();
    private readonly List<Request> requests = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly string? prefix;

    /// <param name="connectionString">The storage whose blob, queue and table ports are counted.</param>
    /// <param name="prefix">Only requests to names with this storage prefix (a test's own); all when <c>null</c>.</param>
    public StorageRequests(string connectionString, string? prefix = null)
    {
        this.prefix = prefix;
        ports = [.. connectionString.Split(';')
            .Where(part => part.Contains("Endpoint=http", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port)];
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HttpSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>One storage request: when it ended (since this log started), its path, status, duration and HTTP method.</summary>
    public sealed record Request(TimeSpan At, string Path, int Status, TimeSpan Duration, string Method = "");

    /// <summary>The requests made so far.</summary>
    public IReadOnlyList<Request> Snapshot()
    {
        lock (gate)
        {
            return [.. requests];
        }
    }

    /// <summary>
    /// The table, queue or container a request went to, without the test prefix (<c>t</c> and 12 hex digits) and without
    /// keys: <c>/devstoreaccount1/t0123456789abSendHistory(PartitionKey='…',RowKey='…')</c> is <c>SendHistory</c>.
    /// </summary>
    public static string Target(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length > 1 ? segments[1] : request.Path;
        name = name.Split('(')[0];
        return name.Length > 13 && name[0] == 't' && name[1..13].All(char.IsAsciiHexDigitLower) ? name[13..].TrimStart('-') : name;
    }

    public void Reset()
    {
        lock (gate)
        {
            requests.Clear();
            clock.Restart();
        }
    }

    public void Dispose() => listener.Dispose();

    private void Record(Activity activity)
    {
        if (activity.GetTagItem("url.full") is not string url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !ports.Contains(uri.Port)
            || (prefix is not null && !uri.AbsolutePath.Contains("/" + prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var status = activity.GetTagItem("http.response.status_code") is { } code ? Convert.ToInt32(code, System.Globalization.CultureInfo.InvariantCulture) : 0;
        lock (gate)
        {
            requests.Add(new Request(clock.Elapsed, uri.AbsolutePath, status, activity.Duration, activity.GetTagItem("http.request.method") as string ?? ""));
        }
    }
}
