namespace EcCrm.Core.Journeys.Catalog;

/// <summary>A journey's mutable settings: which published version new entries use, and whether entries are paused.</summary>
public sealed record JourneySettings(string JourneyId, string Name, int CurrentVersion, bool Paused, DateTimeOffset UpdatedAt);
