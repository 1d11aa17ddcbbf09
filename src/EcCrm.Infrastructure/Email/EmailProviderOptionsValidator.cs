using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Email;

/// <summary>Refuses to start without somewhere to send e-mail, or with retry settings that cannot work.</summary>
public sealed class EmailProviderOptionsValidator(IOptions<MailOptions> mail) : IValidateOptions<SendGridOptions>
{
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, SendGridOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(mail.Value.Sink))
        {
            failures.Add("Set 'SendGrid:ApiKey' (environment variable SendGrid__ApiKey; a Key Vault reference on Azure) to send e-mail, or 'Mail:Sink' (Mail__Sink) to a folder to write it there for local runs.");
        }

        if (options.Host is { } host && (!host.IsAbsoluteUri || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add("Setting 'SendGrid:Host' must be an absolute http(s) address.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("Setting 'SendGrid:MaxRetries' must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.MaxRateLimitWait < TimeSpan.Zero || options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Settings 'SendGrid:RetryBaseDelay', 'SendGrid:MaxRateLimitWait' and 'SendGrid:Timeout' must be positive durations (hh:mm:ss).");
        }
        else if (options.Timeout < ShortestTimeout || options.Timeout > LongestWait || options.RetryBaseDelay > LongestWait)
        {
            // The bounds of the resilience pipeline's timeout and retry delay: outside them it refuses to build at the first send.
            failures.Add("Setting 'SendGrid:Timeout' must be between 00:00:00.010 and 1.00:00:00, and 'SendGrid:RetryBaseDelay' at most 1.00:00:00.");
        }

        if (options.EventWebhookPublicKey is { Length: > 0 } key && !IsVerificationKey(key))
        {
            failures.Add("Setting 'SendGrid:EventWebhookPublicKey' must be the event webhook's verification key as SendGrid shows it (base64, no PEM lines).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsVerificationKey(string key)
    {
        try
        {
            _ = new SendGrid.Helpers.EventWebhook.RequestValidator().ConvertPublicKeyToECDSA(key);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }
}
