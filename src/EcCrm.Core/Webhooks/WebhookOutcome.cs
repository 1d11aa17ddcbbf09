using EcCrm.Core.Json;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Webhooks;

/// <summary>What became of a webhook delivery. Every host maps these to the same HTTP answers.</summary>
public abstract record WebhookOutcome
{
    private WebhookOutcome()
    {
    }

    /// <summary>Verified, mapped and queued for ingestion (202).</summary>
    public sealed record Accepted(string OrderId, CustomerKey? Customer) : WebhookOutcome;

    /// <summary>Authentic but not an order event EcCrm reads, such as a ping (200).</summary>
    public sealed record Ignored(string Reason) : WebhookOutcome;

    /// <summary>Missing, malformed, stale or wrong signature (401). Nothing was read or queued.</summary>
    public sealed record Unauthorized(string Reason) : WebhookOutcome;

    /// <summary>Authentic, but the body is not an order we can read (400), with every problem found.</summary>
    public sealed record Invalid(IReadOnlyList<PayloadError> Errors) : WebhookOutcome;

    /// <summary>No such source, or it is disabled (404).</summary>
    public sealed record UnknownSource(string Source) : WebhookOutcome;

    /// <summary>The body is larger than the configured limit (413).</summary>
    public sealed record TooLarge(long LimitBytes) : WebhookOutcome;
}
