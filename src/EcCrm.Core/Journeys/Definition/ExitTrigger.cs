namespace EcCrm.Core.Journeys.Definition;

/// <summary>What ends an enrollment early.</summary>
public enum ExitTrigger
{
    /// <summary>The customer placed an order since entering.</summary>
    OrderPlaced,

    /// <summary>The customer unsubscribed from an e-mail of this journey.</summary>
    Unsubscribed,

    /// <summary>The customer is no longer in the entry trigger's segments.</summary>
    LeftSegment,
}
