using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EcCrm.Testing;

namespace EcCrm.FaultHarness;

/// <summary>
/// What SendGrid does after it takes a message: it posts signed <c>processed</c> and <c>delivered</c> events carrying the
/// message's custom arguments (its idempotency key among them) to the event webhook, and retries while the webhook
/// does not answer 2xx (the Server may be down between a kill and its restart).
/// </summary>
internal sealed class SendGridEvents(Uri server, ECDsa key) : IAsyncDisposable
{
    private readonly BlockingCollection<JsonArray> pending = [];
    private readonly HttpClient http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource stop = new();
    private Task? posting;
    private int posted;
    private int serverErrors;

    public int Posted => Volatile.Read(ref posted);

    /// <summary>Answers of 500 from the webhook: each is an unhandled error.</summary>
    public int ServerErrors => Volatile.Read(ref serverErrors);

    public void Start() => posting = Task.Run(() => PostAllAsync(stop.Token));

    public void Taken(RecordedMail mail)
    {
        var personalization = mail.Body["personalizations"]?[0];
        var email = (string?)personalization?["to"]?[0]?["email"] ?? "unknown@example.com";
        var args = personalization?["custom_args"]?.AsObject() ?? mail.Body["custom_args"]?.AsObject();
        var batch = new JsonArray();
        foreach (var type in new[] { "processed", "delivered" })
        {
            var item = new JsonObject
            {
                ["email"] = email,
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["event"] = type,
                ["sg_event_id"] = $"{type}-{Guid.NewGuid():N}",
                ["sg_message_id"] = $"harness-{Guid.NewGuid():N}",
            };
            foreach (var (name, value) in args ?? [])
            {
                item[name] = value?.DeepClone();
            }

            batch.Add(item);
        }

        pending.Add(batch);
    }

    /// <summary>Waits until every event taken so far has been posted.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        pending.CompleteAdding();
        await stop.CancelAsync();
        if (posting is not null)
        {
            try
            {
                await posting;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        http.Dispose();
        stop.Dispose();
        pending.Dispose();
    }

    private async Task PostAllAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in pending.GetConsumingEnumerable(cancellationToken))
        {
            var body = batch.ToJsonString();
            while (true)
            {
                try
                {
                    using var request = MalformedCorpus.SignedEvents(body, key);
                    var status = (await http.SendAsync(request, cancellationToken)).StatusCode;
                    if (status == HttpStatusCode.InternalServerError)
                    {
                        Interlocked.Increment(ref serverErrors);
                    }

                    if ((int)status < 300)
                    {
                        Interlocked.Increment(ref posted);
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // The Server is down (killed): SendGrid retries.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // No answer in time: retried.
                }

                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
