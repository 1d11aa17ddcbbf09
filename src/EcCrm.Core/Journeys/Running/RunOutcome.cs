namespace EcCrm.Core.Journeys.Running;

/// <summary>What processing one input did.</summary>
public enum RunOutcome
{
    /// <summary>The decider saw the input; the state and effects are done.</summary>
    Processed,

    /// <summary>Another process holds the enrollment right now: deliver the input again a little later.</summary>
    Busy,

    /// <summary>No such enrollment: the input is dropped, and logged.</summary>
    UnknownEnrollment,
}
