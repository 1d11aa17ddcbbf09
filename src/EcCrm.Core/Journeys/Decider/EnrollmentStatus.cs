namespace EcCrm.Core.Journeys.Decider;

public enum EnrollmentStatus
{
    /// <summary>Not started: only <see cref="Started"/> means anything.</summary>
    New,

    /// <summary>Walking the journey's nodes.</summary>
    Active,

    /// <summary>Done with the nodes (or in the holdout) and only listening for a goal order until the goal window ends.</summary>
    Measuring,
    Exited,
    Completed,
}
