namespace EcCrm.Core.Journeys.Decider;

public enum ExitReason
{
    /// <summary>The customer ordered and the journey exits on orders.</summary>
    OrderPlaced,
    Unsubscribed,
    LeftSegment,
    Cancelled,

    /// <summary>A delay waited for a profile date the profile does not know, and had no fallback.</summary>
    DelayCannotEnd,

    /// <summary>The interpreter's guard stopped a loop that made no progress (or a node visited too often).</summary>
    LoopGuard,

    /// <summary>The state points at a node this version of the journey does not have.</summary>
    UnknownNode,

    /// <summary>
    /// An inactivity journey heard of an order placed before entry that entry did not know of (a webhook that came
    /// late, a backfill): the customer was not inactive after all. No conversion.
    /// </summary>
    OrderedBeforeEntry,
}
