using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>A journey's enrollments (newest first, those in <see cref="Status"/> when one is given) and how many there are in each status.</summary>
public sealed record JourneyEnrollmentList(
    string JourneyId,
    EnrollmentStatus? Status,
    int Total,
    IReadOnlyDictionary<EnrollmentStatus, int> ByStatus,
    IReadOnlyList<EnrollmentView> Enrollments);
