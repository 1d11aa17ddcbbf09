namespace EcCrm.Core.Journeys.Definition;

/// <summary>An order is placed: the first one or any, optionally only one containing given products or categories.</summary>
public sealed record OrderPlacedTrigger(OrderMatch Which, IReadOnlyList<string> ProductIds, IReadOnlyList<string> Categories) : EntryTrigger;
