using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcCrm.Testing;

/// <summary>
/// A local stand-in for SendGrid's <c>/v3/mail/send</c> on a free loopback port: records every request and answers from
/// a script (202 with a message id when the script is empty), so the real SendGrid client can be driven through 429s,
/// 5xx and permanent errors.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedAnswer> script = new();
    private readonly ConcurrentQueue<RecordedMail> requests = new();
    private int accepted;

    private FakeSendGrid(WebApplication app)
    {
        this.app = app;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedMail> Requests => [.. requests];

    /// <summary>Requests answered 202: the messages SendGrid would have sent.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.AnswerAsync);
        await app.StartAsync();
        fake.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>The next request gets this answer (answers are used in order, then 202 again).</summary>
    public FakeSendGrid Then(int status, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        script.Enqueue(new ScriptedAnswer(status, headers ?? new Dictionary<string, string>(), body));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        requests.Enqueue(new RecordedMail(DateTimeOffset.UtcNow, context.Request.Headers.Authorization.ToString(), JsonNode.Parse(body)!));
        if (!script.TryDequeue(out var answer))
        {
            Interlocked.Increment(ref accepted);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers["X-Message-Id"] = $"fake-{requests.Count}";
            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private sealed record ScriptedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string? Body);
}

/// <summary>One request SendGrid received: when, its Authorization header and its JSON body.</summary>
public sealed record RecordedMail(DateTimeOffset At, string Authorization, JsonNode Body);
