using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Logging;

namespace EcCrm.Core.Messaging;

/// <summary>
/// An unsubscribe takes effect at once: the address is suppressed for the group (or all marketing), the opt-out is
/// recorded in the customer's consent ledger with where it came from, and the customer's running journeys that send
/// marketing in it end. Used by the link in every e-mail and by the provider's events.
/// </summary>
public sealed partial class Unsubscribes(
    IProfileStore profiles,
    ISuppressionList suppressions,
    IConsentLedger consent,
    IEnrollmentInbox inbox,
    UnsubscribeTokens tokens,
    TimeProvider time,
    ILogger<Unsubscribes> logger)
{
    /// <summary>Follows an unsubscribe link; <c>null</c> when the token is forged, altered or unreadable (nothing changes).</summary>
    public async Task<UnsubscribeRequest?> UnsubscribeByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not { } request)
        {
            return null;
        }

        var customer = request.Customer;
        var profile = (await profiles.GetAsync(customer, cancellationToken).ConfigureAwait(false))?.Value;
        if (profile is null && await profiles.MovedToAsync(customer, cancellationToken).ConfigureAwait(false) is { } moved)
        {
            // A link sent before the customer key secret changed: the customer is under their new key now.
            customer = moved;
            profile = (await profiles.GetAsync(customer, cancellationToken).ConfigureAwait(false))?.Value;
        }

        var now = time.GetUtcNow();
        var optOut = new ConsentRecord
        {
            Customer = customer,
            At = now,
            Change = ConsentChange.OptOut,
            Source = ConsentSource.UnsubscribeLink,

            // The link's token, hashed: each link is told apart without keeping what it grants.
            Reference = "link:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token!)).AsSpan(0, 8)),
            Group = request.Group,
            Evidence = new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = request.Group ?? "all marketing" },
            RecordedAt = now,
        };
        await ApplyAsync(customer, profile?.Email, request.Group, SuppressionKind.Unsubscribed, "unsubscribe link", optOut, cancellationToken).ConfigureAwait(false);
        return request;
    }

    /// <summary>Suppresses the address (when known), records the opt-out, and ends the customer's marketing runs in the group.</summary>
    /// <param name="optOut">The consent record of the opt-out: its source, time and evidence.</param>
    public async Task ApplyAsync(CustomerKey customer, string? email, string? group, SuppressionKind kind, string reason, ConsentRecord optOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optOut);
        var now = time.GetUtcNow();
        if (email is not null)
        {
            await suppressions.AddAsync(email, new Suppression(kind, group, now, reason), cancellationToken).ConfigureAwait(false);
        }

        await consent.AddAsync([optOut], cancellationToken).ConfigureAwait(false);

        var runs = await inbox.DeliverToActiveAsync(customer, new Unsubscribed(group, now), cancellationToken).ConfigureAwait(false);
        LogUnsubscribed(logger, customer.Value, group ?? "all marketing", runs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {Customer} unsubscribed from {Group}; {Runs} running journeys told")]
    private static partial void LogUnsubscribed(ILogger logger, string customer, string group, int runs);
}
