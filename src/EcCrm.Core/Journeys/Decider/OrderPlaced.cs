namespace EcCrm.Core.Journeys.Decider;

/// <summary>The customer placed an order. A second copy of the same order id, or an order from before entry, changes nothing.</summary>
public sealed record OrderPlaced(string OrderId, DateTimeOffset PlacedAt, decimal NetRevenue, IReadOnlyList<string> ProductIds, IReadOnlyList<string> Categories) : JourneyInput;
