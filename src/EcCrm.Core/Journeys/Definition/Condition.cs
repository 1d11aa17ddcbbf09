namespace EcCrm.Core.Journeys.Definition;

/// <summary>A yes/no question about the customer, asked by an entry filter or a split.</summary>
public abstract record Condition;
