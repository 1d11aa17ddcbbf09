namespace EcCrm.Core.Journeys.Decider;

/// <summary>The enrollment walked the whole journey (and its goal window, if any, is over or met); the runner stops it.</summary>
public sealed record CompleteEnrollment : JourneyEffect
{
    public static CompleteEnrollment Instance { get; } = new();
}
