using EcCrm.Core.Journeys.Validation;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>What publishing a journey version did.</summary>
public abstract record PublishResult
{
    private PublishResult()
    {
    }

    /// <summary>The version is now published; new entries use it when it is the highest.</summary>
    public sealed record Published(string JourneyId, int Version, bool IsCurrent) : PublishResult;

    /// <summary>Exactly this version was already published: nothing changed.</summary>
    public sealed record Unchanged(string JourneyId, int Version) : PublishResult;

    /// <summary>The file has mistakes; nothing was published.</summary>
    public sealed record Rejected(IReadOnlyList<JourneyError> Errors) : PublishResult;

    /// <summary>This version number is taken by different content; published versions never change.</summary>
    public sealed record VersionTaken(string JourneyId, int Version) : PublishResult;
}
