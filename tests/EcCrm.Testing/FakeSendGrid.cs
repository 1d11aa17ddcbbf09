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
/// 5xx, permanent errors, answers that never come and connections dropped after the request was read.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private const int NoAnswer = -1;
    private const int DropConnection = -2;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedAnswer> script = new();
    private readonly ConcurrentQueue<RecordedMail> requests = new();
    private readonly ConcurrentQueue<RecordedMail> acceptedMails = new();
    private int accepted;

    private FakeSendGrid(WebApplication app)
    {
        this.app = app;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedMail> Requests => [.. requests];

    /// <summary>Requests SendGrid took (answered 202, or taken and then answered badly): the messages it would have sent.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>The messages SendGrid took, whatever it answered.</summary>
    public IReadOnlyList<RecordedMail> AcceptedMails => [.. acceptedMails];

    /// <summary>
    /// When set, decides each request's answer instead of the script (for fault runs at chosen rates); then
    /// <see cref="OnAccepted"/> runs for every message taken, as SendGrid then posts its events.
    /// </summary>
    public Func<RecordedMail, SendGridFault>? Faults { get; set; }

    /// <summary>Runs for every message SendGrid took (with <see cref="Faults"/>): where SendGrid's events start.</summary>
    public Action<RecordedMail>? OnAccepted { get; set; }

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

    /// <summary>Runs when a request has been read, before it is answered (what SendGrid does meanwhile, such as posting an event).</summary>
    public Func<RecordedMail, Task>? BeforeAnswer { get; set; }

    /// <summary>The next request gets this answer (answers are used in order, then 202 again).</summary>
    public FakeSendGrid Then(int status, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        script.Enqueue(new ScriptedAnswer(status, headers ?? new Dictionary<string, string>(), body));
        return this;
    }

    /// <summary>The next request is read and never answered, until the client gives up (its timeout).</summary>
    public FakeSendGrid ThenNoAnswer()
    {
        script.Enqueue(new ScriptedAnswer(NoAnswer, new Dictionary<string, string>(), null));
        return this;
    }

    /// <summary>The next request is read, then its connection is dropped without an answer.</summary>
    public FakeSendGrid ThenDropConnection()
    {
        script.Enqueue(new ScriptedAnswer(DropConnection, new Dictionary<string, string>(), null));
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
        var mail = new RecordedMail(DateTimeOffset.UtcNow, context.Request.Headers.Authorization.ToString(), JsonNode.Parse(body)!);
        requests.Enqueue(mail);
        if (BeforeAnswer is { } beforeAnswer)
        {
            await beforeAnswer(mail);
        }

        if (Faults is { } faults)
        {
            await AnswerWithFaultAsync(context, mail, faults(mail));
            return;
        }

        if (!script.TryDequeue(out var answer))
        {
            Accept(mail);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers["X-Message-Id"] = $"fake-{requests.Count}";
            return;
        }

        switch (answer.Status)
        {
            case NoAnswer:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up.
                }

                return;
            case DropConnection:
                context.Abort();
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

    private async Task AnswerWithFaultAsync(HttpContext context, RecordedMail mail, SendGridFault fault)
    {
        switch (fault)
        {
            case SendGridFault.RateLimited:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
            case SendGridFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case SendGridFault.AcceptThenNoAnswer:
                Accept(mail);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up; SendGrid had the message all the same.
                }

                return;
            case SendGridFault.AcceptThenServerError:
                Accept(mail);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            default:
                Accept(mail);
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.Headers["X-Message-Id"] = $"fake-{requests.Count}";
                return;
        }
    }

    private void Accept(RecordedMail mail)
    {
        Interlocked.Increment(ref accepted);
        acceptedMails.Enqueue(mail);
        OnAccepted?.Invoke(mail);
    }

    private sealed record ScriptedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string? Body);
}

/// <summary>One request SendGrid received: when, its Authorization header and its JSON body.</summary>
public sealed record RecordedMail(DateTimeOffset At, string Authorization, JsonNode Body);
