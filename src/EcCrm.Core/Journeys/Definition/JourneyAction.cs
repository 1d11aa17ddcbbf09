namespace EcCrm.Core.Journeys.Definition;

/// <summary>What an <see cref="ActionNode"/> does.</summary>
public abstract record JourneyAction;
