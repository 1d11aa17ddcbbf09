using EcCrm.Core.Storage;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>Published journey versions (immutable once written) and each journey's settings (written with ETags).</summary>
public interface IJourneyStore
{
    /// <summary>Stores a version; <c>false</c> when that version of the journey is already published.</summary>
    Task<bool> TryAddVersionAsync(string journeyId, int version, string json, DateTimeOffset publishedAt, CancellationToken cancellationToken);

    Task<string?> GetVersionAsync(string journeyId, int version, CancellationToken cancellationToken);

    Task<Versioned<JourneySettings>?> GetSettingsAsync(string journeyId, CancellationToken cancellationToken);

    /// <summary>Writes settings read at <paramref name="version"/> (<c>null</c>: create); <c>false</c> when they changed meanwhile.</summary>
    Task<bool> TrySaveSettingsAsync(JourneySettings settings, string? version, CancellationToken cancellationToken);

    Task<IReadOnlyList<JourneySettings>> ListSettingsAsync(CancellationToken cancellationToken);
}
