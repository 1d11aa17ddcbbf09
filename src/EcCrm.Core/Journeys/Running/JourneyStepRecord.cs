using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The end of one step of a run: the effects left after its last send, and the state to keep. Saved by one activity,
/// so a step costs one activity plus one per e-mail.
/// </summary>
public sealed record JourneyStepRecord(string EnrollmentId, IReadOnlyList<EnrollmentEffect> Effects, EnrollmentState State);
