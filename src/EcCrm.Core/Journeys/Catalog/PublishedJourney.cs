using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>A journey's current version, whether new entries are paused, and when its settings last changed (its publication, a pause or resume).</summary>
public sealed record PublishedJourney(JourneyDefinition Definition, bool Paused)
{
    public DateTimeOffset? SettingsChangedAt { get; init; }

    /// <summary>Why EcCrm paused it by itself (the deliverability guard); <c>null</c> when paused by hand or running.</summary>
    public string? PauseReason { get; init; }

    /// <summary>When it was last resumed.</summary>
    public DateTimeOffset? ResumedAt { get; init; }
}
