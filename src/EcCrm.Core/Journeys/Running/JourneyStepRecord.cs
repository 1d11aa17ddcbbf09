using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The end of one step of a run: the effects left after its last send, and the state to keep. Saved by one activity,
/// so a step costs one activity plus one per e-mail. <paramref name="TraceParent"/> is the trace of the input the step
/// decided on, so the activity's span joins it.
/// </summary>
public sealed record JourneyStepRecord(string EnrollmentId, IReadOnlyList<EnrollmentEffect> Effects, EnrollmentState State, string? TraceParent = null);
