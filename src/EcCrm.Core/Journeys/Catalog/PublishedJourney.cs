using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>A journey's current version and whether new entries are paused.</summary>
public sealed record PublishedJourney(JourneyDefinition Definition, bool Paused);
