using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging;

/// <summary>
/// One row of the send ledger (SendHistory: PartitionKey customer, RowKey idempotency key): what was sent, its status,
/// and what the provider reported since. Rows change only through <see cref="SendStateMachine"/>, written with
/// <see cref="Version"/> as the condition, so two writers never overwrite each other.
/// </summary>
public sealed record SendRecord
{
    public required CustomerKey Customer { get; init; }

    public required string IdempotencyKey { get; init; }

    public required SendStatus Status { get; init; }

    /// <summary>When the send was first claimed.</summary>
    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>When the latest attempt claimed it (the same as <see cref="QueuedAt"/> for the first).</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>How many attempts have claimed it.</summary>
    public int Attempts { get; init; }

    public string? JourneyId { get; init; }

    public int? JourneyVersion { get; init; }

    public string? EnrollmentId { get; init; }

    public string? NodeId { get; init; }

    public string? TemplateId { get; init; }

    public string? Subject { get; init; }

    public bool Transactional { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? ProviderMessageId { get; init; }

    /// <summary>Why the send is not (known to be) accepted: the provider's refusal, or what made the outcome unknown.</summary>
    public string? FailureReason { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? ClickedAt { get; init; }

    public DateTimeOffset? BouncedAt { get; init; }

    public string? BounceReason { get; init; }

    public DateTimeOffset? UnsubscribedAt { get; init; }

    /// <summary>The stored row's version (its ETag); <c>null</c> for a row not stored yet. Every write is conditional on it.</summary>
    public string? Version { get; init; }

    /// <summary>When the latest attempt claimed the send.</summary>
    public DateTimeOffset LastClaimedAt => ClaimedAt ?? QueuedAt;
}
