using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>Who an effect is for: what a run passes to <see cref="JourneyEffects"/> with each effect.</summary>
public sealed record EnrollmentContext(string EnrollmentId, string JourneyId, int Version, CustomerKey Customer, EnrollmentGroup Group, string? Node)
{
    public static EnrollmentContext Of(EnrollmentRecord enrollment) => new(
        enrollment.EnrollmentId, enrollment.JourneyId, enrollment.Version, enrollment.Customer, enrollment.Group, enrollment.State.Node);
}
