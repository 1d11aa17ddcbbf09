namespace EcCrm.Core.Journeys.Entry;

/// <summary>
/// How far a customer got toward entering, in the order <see cref="EntryEvaluation"/> checks: a reason from a later stage
/// says more about why they did not enter than one from an earlier stage.
/// </summary>
public enum EntryStage
{
    /// <summary>The sweep or schedule did not look at the customer at all.</summary>
    NotFound,

    /// <summary>The re-entry rules held them back.</summary>
    Reentry,

    /// <summary>The trigger did not hold (not idle long enough, not in the segment, not the right order).</summary>
    Trigger,

    /// <summary>The entry filter did not hold.</summary>
    Filter,
}
