using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>One of the decider's effects with the enrollment it is for, as it stood when the decider asked for it.</summary>
public sealed record EnrollmentEffect(EnrollmentContext Enrollment, JourneyEffect Effect);
