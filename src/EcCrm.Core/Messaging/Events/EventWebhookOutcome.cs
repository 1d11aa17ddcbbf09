using EcCrm.Core.Json;

namespace EcCrm.Core.Messaging.Events;

/// <summary>What became of an event webhook delivery; hosts map these to HTTP answers.</summary>
public abstract record EventWebhookOutcome
{
    private EventWebhookOutcome()
    {
    }

    /// <summary>Verified, read and queued to be applied (202).</summary>
    public sealed record Accepted(int Events) : EventWebhookOutcome;

    /// <summary>Missing, stale or wrong signature (401): nothing was read.</summary>
    public sealed record Unauthorized(string Reason) : EventWebhookOutcome;

    /// <summary>Authentic but unreadable (400): nothing was queued.</summary>
    public sealed record Invalid(IReadOnlyList<PayloadError> Errors) : EventWebhookOutcome;

    /// <summary>No verification key is configured (404): events cannot be trusted, so none are taken.</summary>
    public sealed record NotConfigured : EventWebhookOutcome;
}
