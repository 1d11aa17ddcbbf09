namespace EcCrm.Core.Journeys.Catalog;

/// <summary>A journey's mutable settings: which published version new entries use, and whether entries are paused.</summary>
public sealed record JourneySettings(string JourneyId, string Name, int CurrentVersion, bool Paused, DateTimeOffset UpdatedAt)
{
    /// <summary>Why EcCrm paused the journey by itself (the deliverability guard); <c>null</c> when paused by hand or running.</summary>
    public string? PauseReason { get; init; }

    /// <summary>When the journey was last resumed: the deliverability guard counts sends from then on.</summary>
    public DateTimeOffset? ResumedAt { get; init; }
}
