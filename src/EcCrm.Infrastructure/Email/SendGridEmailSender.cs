using System.Globalization;
using System.Net;
using System.Text.Json;
using EcCrm.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Sends through SendGrid's official client over the named HTTP client <see cref="HttpClientName"/> from
/// <see cref="IHttpClientFactory"/>, whose resilience handler (<see cref="ConfigureResilience"/>) holds the retry policy
/// built from the SendGrid settings; the send's idempotency key travels in <c>custom_args</c> and comes back on every
/// event. Only definite refusals are retried: a 429 waits for the rate-limit reset SendGrid names, a connection that
/// cannot be made backs off exponentially with jitter, at most <see cref="SendGridOptions.MaxRetries"/> times; when
/// retries run out the answer is "try later" or "unreachable" — nothing was accepted. An attempt that outlasts
/// <see cref="SendGridOptions.Timeout"/>, a connection lost after the request was sent or a 5xx is not retried: SendGrid
/// may have accepted the message, so the answer is "unconfirmed". Any other 4xx is permanent: rejected with SendGrid's
/// reason, never retried.
/// </summary>
public sealed partial class SendGridEmailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options) : IEmailSender
{
    /// <summary>The name of the HTTP client (and of its resilience pipeline) that talks to SendGrid.</summary>
    public const string HttpClientName = "SendGrid";

    private const string RateLimitResetHeader = "X-RateLimit-Reset";

    private readonly SendGridOptions options = options.Value;

    /// <summary>SendGrid reports every message it accepted, with its key, once its signed event webhook is configured.</summary>
    public bool CanReconcile => !string.IsNullOrWhiteSpace(options.EventWebhookPublicKey);

    /// <summary>
    /// The HTTP client itself never times out: each attempt has its own timeout in the pipeline, so waiting for a rate
    /// limit to lift or backing off between attempts is not cut short.
    /// </summary>
    public static void ConfigureHttpClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The retry policy of every request to SendGrid, from the SendGrid settings: retries outside, a timeout per attempt inside.</summary>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.GetRequiredService<IOptions<SendGridOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<SendGridEmailSender>>();

        // Backoffs and timeouts are real waits on a real server, whatever clock the journeys run on.
        pipeline.TimeProvider = TimeProvider.System;
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>(NeverReachedSendGrid)
                    .HandleResult(response => response.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = arguments => ValueTask.FromResult(RateLimitDelay(arguments.Outcome.Result, settings, time)),
                OnRetry = arguments =>
                {
                    LogRetry(logger, arguments.AttemptNumber + 1, arguments.Outcome.Result?.StatusCode.ToString() ?? arguments.Outcome.Exception?.GetType().Name ?? "?", arguments.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddTimeout(settings.Timeout);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = ToSendGrid(message, options.SandboxMode);
        var clientOptions = new SendGridClientOptions { ApiKey = options.ApiKey };
        if (options.Host is { } host)
        {
            clientOptions.Host = host.ToString().TrimEnd('/');
        }

        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), clientOptions);
        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (NeverReachedSendGrid(ex))
        {
            return new EmailSendResult.Unreachable($"SendGrid could not be reached after {options.MaxRetries} retries: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return new EmailSendResult.Unconfirmed($"the connection to SendGrid failed after the request was sent: {ex.Message}");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new EmailSendResult.Unconfirmed($"SendGrid did not answer within {options.Timeout}");
        }

        if (response.IsSuccessStatusCode)
        {
            return new EmailSendResult.Accepted(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new EmailSendResult.TryLater($"SendGrid answered 429 (rate limited) after {options.MaxRetries} retries");
        }

        if ((int)response.StatusCode >= 500)
        {
            return new EmailSendResult.Unconfirmed($"SendGrid answered {(int)response.StatusCode} after the request was sent");
        }

        var reason = await ReasonAsync(response).ConfigureAwait(false);
        return new EmailSendResult.Rejected($"{(int)response.StatusCode}: {reason}");
    }

    internal static SendGridMessage ToSendGrid(EmailMessage message, bool sandbox)
    {
        var mail = new SendGridMessage
        {
            From = new EmailAddress(message.FromAddress, message.FromName),
            Subject = message.Subject,
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
        };
        mail.AddTo(new EmailAddress(message.ToAddress, message.ToName));
        if (message.ReplyTo is { } replyTo)
        {
            mail.ReplyTo = new EmailAddress(replyTo);
        }

        mail.AddHeaders(message.Headers.ToDictionary());
        mail.AddCategories([.. message.Categories]);
        mail.AddCustomArgs(message.CustomArgs.ToDictionary());
        if (message.AsmGroupId is { } group)
        {
            mail.SetAsm(group);
        }

        if (sandbox)
        {
            mail.SetSandBoxMode(true);
        }

        return mail;
    }

    /// <summary>The request failed before any of it was sent: no connection, no name, no TLS session.</summary>
    private static bool NeverReachedSendGrid(HttpRequestException exception) => exception.HttpRequestError
        is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    /// <summary>For a 429: until SendGrid's reset (capped); otherwise <c>null</c>, Polly's backoff with jitter.</summary>
    private static TimeSpan? RateLimitDelay(HttpResponseMessage? response, SendGridOptions settings, TimeProvider time)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests }
            || !response.Headers.TryGetValues(RateLimitResetHeader, out var values)
            || !long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            return null;
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > settings.MaxRateLimitWait ? settings.MaxRateLimitWait : wait;
    }

    private static async Task<string> ReasonAsync(Response response)
    {
        var body = await response.Body.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return string.Join("; ", errors.EnumerateArray().Select(error => error.TryGetProperty("message", out var text) ? text.GetString() : error.GetRawText()));
            }
        }
        catch (JsonException)
        {
            // Not SendGrid's error format: keep the raw text.
        }

        return body.Length > 500 ? body[..500] : body;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt {Attempt} failed ({Status}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, string status, TimeSpan delay);
}
