namespace EcCrm.Core.Journeys.Decider;

/// <summary>What an active enrollment is waiting for.</summary>
public enum WaitKind
{
    None,

    /// <summary>A delay node's timer.</summary>
    Delay,

    /// <summary>An event of a waitFor node, or its timeout timer.</summary>
    Event,

    /// <summary>The outcome of a <see cref="SendEmail"/>.</summary>
    SendOutcome,

    /// <summary>The timer after which a deferred send is asked for again.</summary>
    SendRetry,

    /// <summary>The end of the goal window.</summary>
    Goal,
}
