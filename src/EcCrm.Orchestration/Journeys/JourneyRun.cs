using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// A journey run's input: the enrollment (with the decider's state), the published journey exactly as it was
/// published, the next input to decide on, and the settings it started with; <paramref name="TraceParent"/> is the trace that
/// delivered the next input (none for a timer), which the step's activities join. ContinueAsNew carries it from one
/// generation to the next.
/// </summary>
/// <remarks>Properties are declared with their base types, so polymorphic inputs keep their type discriminators.</remarks>
public sealed record JourneyRun(EnrollmentRecord Enrollment, string JourneyJson, JourneyInput Next, JourneyRunSettings Settings, string? TraceParent = null);
