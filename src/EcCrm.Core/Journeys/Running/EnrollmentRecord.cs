using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// One enrollment: who, which journey version and group, and the decider's state as its durable run last saved it
/// (the run itself lives in the Durable Task engine; this row is what the API, re-entry rules and reports read).
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

    public bool HasEnded => State.HasEnded;
}
