using EcCrm.Core.Json;

namespace EcCrm.Core.Messaging.Events;

/// <summary>What became of an event webhook delivery; hosts map these to HTTP answers.</summary>
public abstract record EventWebhookOutcome
{
    private EventWebhookOutcome()
    {
    }

    /// <summary>Verified and applied (200). Events seen in an earlier delivery are counted, not applied again.</summary>
    public sealed record Accepted(int Applied, int Duplicates, int Skipped) : EventWebhookOutcome;

    /// <summary>Missing, stale or wrong signature (401): nothing was read.</summary>
    public sealed record Unauthorized(string Reason) : EventWebhookOutcome;

    /// <summary>Authentic but unreadable (400): nothing was applied.</summary>
    public sealed record Invalid(IReadOnlyList<PayloadError> Errors) : EventWebhookOutcome;

    /// <summary>No verification key is configured (404): events cannot be trusted, so none are taken.</summary>
    public sealed record NotConfigured : EventWebhookOutcome;
}
