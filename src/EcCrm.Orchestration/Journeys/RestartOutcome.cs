namespace EcCrm.Orchestration.Journeys;

/// <summary>What asking to restart a run did.</summary>
public enum RestartOutcome
{
    /// <summary>The failed step runs again from the input it failed on (its effects are idempotent).</summary>
    Restarted,

    /// <summary>No run with that id.</summary>
    NotFound,

    /// <summary>Only a failed run restarts; a running or finished one is left alone.</summary>
    NotFailed,
}
