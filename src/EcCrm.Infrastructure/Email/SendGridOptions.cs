namespace EcCrm.Infrastructure.Email;

/// <summary>
/// The SendGrid connection (section <c>SendGrid</c>, shared with the sender settings of EcCrm.Core). The API key comes
/// from Key Vault on Azure; without it, e-mail goes to the local mail sink (<see cref="MailOptions"/>).
/// </summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>Default https://api.sendgrid.com; tests point it at a local fake.</summary>
    public Uri? Host { get; set; }

    /// <summary>SendGrid validates the message but delivers nothing.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Retries after a 429 or a connection that cannot be made (never after a 5xx or a timeout: SendGrid may have the message) before the send is deferred.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff after a failed connection; it doubles, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait for a rate-limit reset; a later reset gives the send back to the queue instead.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest one attempt may take; an attempt that outlasts it may have reached SendGrid, so the send is unconfirmed, not retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The event webhook's verification key (base64 DER, as SendGrid shows it); without it events are refused.</summary>
    public string? EventWebhookPublicKey { get; set; }
}
