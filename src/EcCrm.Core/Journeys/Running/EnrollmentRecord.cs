using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// One enrollment as the runner keeps it: the decider's state plus what the runner needs to schedule and guard it.
/// While <see cref="LeaseOwner"/> holds an unexpired lease, no other process runs this enrollment.
/// </summary>
public sealed record EnrollmentRecord
{
    public required string EnrollmentId { get; init; }

    public required CustomerKey Customer { get; init; }

    public required string JourneyId { get; init; }

    public required int Version { get; init; }

    public required EnrollmentGroup Group { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public EnrollmentState State { get; init; } = EnrollmentState.NotStarted;

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public bool HasEnded => State.HasEnded;

    public bool IsLeasedAt(DateTimeOffset now, string owner) => LeaseUntil > now && LeaseOwner != owner;
}
