using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Events;

/// <summary>
/// One event from the provider's event webhook. <see cref="Send"/> names the send it is about when the message carried
/// EcCrm's custom args; events about other mail only touch suppressions.
/// </summary>
public sealed record ProviderEvent
{
    public required ProviderEventType Type { get; init; }

    public required string Email { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The provider's message id (stable across retries of the webhook, unlike its event id).</summary>
    public string? MessageId { get; init; }

    public SendReference? Send { get; init; }

    /// <summary>Bounce or drop reason, as the provider gave it.</summary>
    public string? Reason { get; init; }

    /// <summary>For bounces: <c>bounce</c> (permanent) or <c>blocked</c> (temporary).</summary>
    public string? BounceType { get; init; }

    public string? Url { get; init; }

    public int? AsmGroupId { get; init; }

    /// <summary>
    /// The key that makes a retried webhook delivery recognisable: a hash of the message, event, time and (for clicks)
    /// the link. The provider's own event id changes on retries, so it cannot be used. The address enters through its
    /// unkeyed hash, as it always has, so that a delivery retried across a change of the customer key secret is still
    /// recognised; the key as a whole is a hash too, and is not a customer key.
    /// </summary>
    public string DedupeKey => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{MessageId}|{Send?.IdempotencyKey}|{CustomerKeyDerivation.Unkeyed.ForEmail(Email).Value}|{Type}|{At.ToUnixTimeSeconds()}|{Url}")));
}
