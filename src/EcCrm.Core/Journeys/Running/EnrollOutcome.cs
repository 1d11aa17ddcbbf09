namespace EcCrm.Core.Journeys.Running;

/// <summary>What an attempt to enroll a customer did.</summary>
public sealed record EnrollOutcome(string? EnrollmentId, bool Enrolled, string? SkipReason)
{
    public static EnrollOutcome Skipped(string reason) => new(null, false, reason);
}
