namespace EcCrm.Core.Journeys.Definition;

/// <summary>What makes a customer eligible to enter a journey.</summary>
public abstract record EntryTrigger;
