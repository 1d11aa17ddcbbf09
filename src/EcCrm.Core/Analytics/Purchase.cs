namespace EcCrm.Core.Analytics;

/// <summary>One order that counts as a purchase, as customer reports need it.</summary>
public readonly record struct Purchase(DateTimeOffset PlacedAt, decimal NetRevenue);
