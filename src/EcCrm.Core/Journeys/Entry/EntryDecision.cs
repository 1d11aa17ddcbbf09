namespace EcCrm.Core.Journeys.Entry;

/// <summary>Whether a customer enters a journey now.</summary>
public abstract record EntryDecision;
