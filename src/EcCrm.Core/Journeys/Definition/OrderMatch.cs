namespace EcCrm.Core.Journeys.Definition;

/// <summary>Which orders an <see cref="OrderPlacedTrigger"/> reacts to.</summary>
public enum OrderMatch
{
    Any,
    First,
}
