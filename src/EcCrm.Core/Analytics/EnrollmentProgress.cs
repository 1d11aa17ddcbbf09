namespace EcCrm.Core.Analytics;

/// <summary>
/// Enrollments in each group that have finished (completed: converted, or their goal window is over; or exited) and
/// those still open (in the journey, or waiting out their goal window), who may still convert.
/// </summary>
public sealed record EnrollmentProgress(int TreatmentOpen, int TreatmentFinished, int HoldoutOpen, int HoldoutFinished);
