using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EcCrm.Testing;

/// <summary>
/// A local HTTP endpoint standing in for a shop's alert webhook: it records every request (headers and body) and
/// answers with the status codes given, in order, then with the last one.
/// </summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Queue<HttpStatusCode> answers;
    private readonly Task loop;

    public AlertReceiver(params HttpStatusCode[] answers)
    {
        this.answers = new Queue<HttpStatusCode>(answers.Length == 0 ? [HttpStatusCode.OK] : answers);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/alerts/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, string Body, HttpStatusCode Answered)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
            // Stopped while waiting for a request.
        }
        catch (ObjectDisposedException)
        {
            // Closed while waiting for a request.
        }
    }

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync().ConfigureAwait(false);
            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(name => name, name => context.Request.Headers[name] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            HttpStatusCode status;
            lock (answers)
            {
                status = answers.Count > 1 ? answers.Dequeue() : answers.Peek();
            }

            Requests.Enqueue((headers, body, status));
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
