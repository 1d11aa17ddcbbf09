namespace EcCrm.Core.Journeys.Definition;

/// <summary>One step of a journey. A node without a next node ends the journey when it is done.</summary>
public abstract record JourneyNode(string Id)
{
    /// <summary>Every node this one can lead to, in the order written (<c>null</c> where the journey ends).</summary>
    public abstract IEnumerable<string?> Successors { get; }
}
