namespace EcCrm.Core.Tracking;

/// <summary>What applying one queued batch did: events stored, seen before, of anonymous visitors, and journeys entered.</summary>
public sealed record AppliedTrackedEvents(int Stored, int Duplicates, int Anonymous, int Entered);
