namespace EcCrm.Core.Journeys.Entry;

/// <summary>What is known about a customer's earlier enrollments in one journey (any version).</summary>
public sealed record PriorEnrollments(int Count, DateTimeOffset? LastEnteredAt, DateTimeOffset? LastEndedAt, bool HasActive)
{
    public static PriorEnrollments None { get; } = new(0, null, null, false);
}
