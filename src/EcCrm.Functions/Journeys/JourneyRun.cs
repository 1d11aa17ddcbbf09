using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// A journey orchestration's input: the enrollment (with the decider's state), the published journey exactly as it
/// was published, and the next input to decide on. Carried from one generation to the next by ContinueAsNew.
/// </summary>
/// <remarks>Properties are declared with their base types, so polymorphic inputs keep their type discriminators.</remarks>
public sealed record JourneyRun(EnrollmentRecord Enrollment, string JourneyJson, JourneyInput Next);

/// <summary>An effect for the <see cref="JourneyActivities.CarryOutEffect"/> activity.</summary>
public sealed record EffectRequest(EnrollmentContext Enrollment, JourneyEffect Effect);
