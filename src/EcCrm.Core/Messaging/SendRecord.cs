using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging;

/// <summary>
/// One row of the send ledger (SendHistory: PartitionKey customer, RowKey idempotency key): what was sent, its status,
/// and what the provider reported since.
/// </summary>
public sealed record SendRecord
{
    public required CustomerKey Customer { get; init; }

    public required string IdempotencyKey { get; init; }

    public required SendStatus Status { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }

    public string? JourneyId { get; init; }

    public int? JourneyVersion { get; init; }

    public string? EnrollmentId { get; init; }

    public string? NodeId { get; init; }

    public string? TemplateId { get; init; }

    public string? Subject { get; init; }

    public bool Transactional { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? ProviderMessageId { get; init; }

    public string? FailureReason { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? ClickedAt { get; init; }

    public DateTimeOffset? BouncedAt { get; init; }

    public string? BounceReason { get; init; }

    public DateTimeOffset? UnsubscribedAt { get; init; }
}
