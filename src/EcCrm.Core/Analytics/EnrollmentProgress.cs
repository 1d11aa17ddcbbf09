namespace EcCrm.Core.Analytics;

/// <summary>
/// Enrollments in each group whose goal window is over (entered more than the goal's days ago: whether they converted is
/// settled) and those still inside it, who may still convert. A journey without a goal counts ended enrollments
/// (completed or exited) as finished.
/// </summary>
public sealed record EnrollmentProgress(int TreatmentOpen, int TreatmentFinished, int HoldoutOpen, int HoldoutFinished);
