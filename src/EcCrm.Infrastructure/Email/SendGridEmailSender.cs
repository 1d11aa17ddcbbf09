using System.Globalization;
using System.Net;
using System.Text.Json;
using EcCrm.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Sends through SendGrid's official client. A 429 waits for the rate-limit reset SendGrid names, a 5xx or a dropped
/// connection backs off exponentially with jitter (Polly); when retries run out the send is given back
/// (<see cref="EmailProviderUnavailableException"/>) so the journey input is retried later. Any other 4xx is permanent:
/// returned as rejected with SendGrid's reason, never retried.
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    private readonly SendGridClient client;
    private readonly SendGridOptions options;
    private readonly ResiliencePipeline<Response> pipeline;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridEmailSender> logger;

    public SendGridEmailSender(HttpClient httpClient, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        httpClient.Timeout = this.options.Timeout;
        var clientOptions = new SendGridClientOptions { ApiKey = this.options.ApiKey };
        if (this.options.Host is { } host)
        {
            clientOptions.Host = host.ToString().TrimEnd('/');
        }

        client = new SendGridClient(httpClient, clientOptions);
        pipeline = this.options.MaxRetries == 0 ? ResiliencePipeline<Response>.Empty : new ResiliencePipelineBuilder<Response>()
            .AddRetry(new RetryStrategyOptions<Response>
            {
                MaxRetryAttempts = this.options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = this.options.RetryBaseDelay,
                ShouldHandle = new PredicateBuilder<Response>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                DelayGenerator = arguments => ValueTask.FromResult(RateLimitDelay(arguments.Outcome.Result)),
                OnRetry = arguments =>
                {
                    LogRetry(this.logger, arguments.AttemptNumber + 1, arguments.Outcome.Result?.StatusCode.ToString() ?? arguments.Outcome.Exception?.GetType().Name ?? "?", arguments.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = ToSendGrid(message, options.SandboxMode);
        Response response;
        try
        {
            response = await pipeline.ExecuteAsync(async token => await client.SendEmailAsync(mail, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EmailProviderUnavailableException("SendGrid could not be reached.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return new EmailSendResult.Accepted(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
        }

        if (IsTransient(response.StatusCode))
        {
            throw new EmailProviderUnavailableException($"SendGrid answered {(int)response.StatusCode} after {options.MaxRetries} retries.");
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

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>For a 429: until SendGrid's reset (capped); otherwise <c>null</c>, Polly's backoff with jitter.</summary>
    private TimeSpan? RateLimitDelay(Response? response)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests }
            || !response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            || !long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            return null;
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > options.MaxRateLimitWait ? options.MaxRateLimitWait : wait;
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
