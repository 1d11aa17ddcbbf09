using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Storage;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>
/// Publishes journeys and finds them again. A published version never changes: running enrollments keep the
/// version they entered with, new entries take the highest one. Versions are cached for good, since they are immutable.
/// </summary>
public sealed class JourneyCatalog(IJourneyStore store, IKnownTemplates templates, TimeProvider time)
{
    private const int MaxAttempts = 8;
    private readonly ConcurrentDictionary<(string, int), JourneyDefinition> versions = new();

    public async Task<PublishResult> PublishAsync(string json, CancellationToken cancellationToken)
    {
        var (journey, errors) = await CheckAsync(json, cancellationToken).ConfigureAwait(false);
        if (journey is null)
        {
            return new PublishResult.Rejected(errors);
        }

        if (!await store.TryAddVersionAsync(journey.Id, journey.Version, json, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            var stored = await store.GetVersionAsync(journey.Id, journey.Version, cancellationToken).ConfigureAwait(false);
            if (stored is null || !SameContent(stored, json))
            {
                return new PublishResult.VersionTaken(journey.Id, journey.Version);
            }

            // The same content again: finish what an interrupted publication may have left undone.
            var (_, repaired) = await MakeCurrentIfNewerAsync(journey, cancellationToken).ConfigureAwait(false);
            return repaired ? new PublishResult.Published(journey.Id, journey.Version, true) : new PublishResult.Unchanged(journey.Id, journey.Version);
        }

        versions[(journey.Id, journey.Version)] = journey;
        var (isCurrent, _) = await MakeCurrentIfNewerAsync(journey, cancellationToken).ConfigureAwait(false);
        return new PublishResult.Published(journey.Id, journey.Version, isCurrent);
    }

    /// <summary>
    /// Reads a journey as publishing would, templates included, without publishing it (a draft to backtest): the journey,
    /// or the mistakes that keep it from being published.
    /// </summary>
    public async Task<(JourneyDefinition? Journey, IReadOnlyList<JourneyError> Errors)> CheckAsync(string json, CancellationToken cancellationToken)
    {
        var read = JourneyValidator.Validate(json, await templates.IdsAsync(cancellationToken).ConfigureAwait(false));
        if (!read.IsValid)
        {
            return (null, read.Errors);
        }

        var templateErrors = await TemplateErrorsAsync(read.Definition, cancellationToken).ConfigureAwait(false);
        return templateErrors.Count > 0 ? (null, templateErrors) : (read.Definition, []);
    }

    /// <summary>A published version exactly as it was published (what a Durable orchestrator keeps in its input).</summary>
    public Task<string?> GetPublishedJsonAsync(string journeyId, int version, CancellationToken cancellationToken) =>
        store.GetVersionAsync(journeyId, version, cancellationToken);

    public async Task<JourneyDefinition?> GetAsync(string journeyId, int version, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue((journeyId, version), out var cached))
        {
            return cached;
        }

        var json = await store.GetVersionAsync(journeyId, version, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        // Published versions were valid when published; read them without re-checking templates that may since have gone.
        var read = JourneyParser.Parse(json);
        return read.Definition is { } journey ? versions.GetOrAdd((journeyId, version), journey) : null;
    }

    /// <summary>The current version of every journey, paused ones included (they still run what is in flight).</summary>
    public async Task<IReadOnlyList<PublishedJourney>> ListAsync(CancellationToken cancellationToken)
    {
        var journeys = new List<PublishedJourney>();
        foreach (var settings in await store.ListSettingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(settings.JourneyId, settings.CurrentVersion, cancellationToken).ConfigureAwait(false) is { } definition)
            {
                journeys.Add(Published(definition, settings));
            }
        }

        return journeys;
    }

    public async Task<PublishedJourney?> FindAsync(string journeyId, CancellationToken cancellationToken)
    {
        var settings = await store.GetSettingsAsync(journeyId, cancellationToken).ConfigureAwait(false);
        return settings is null || await GetAsync(journeyId, settings.Value.CurrentVersion, cancellationToken).ConfigureAwait(false) is not { } definition
            ? null
            : Published(definition, settings.Value);
    }

    /// <summary>Pauses or resumes new entries. Returns <c>false</c> for an unknown journey.</summary>
    public async Task<bool> SetPausedAsync(string journeyId, bool paused, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetSettingsAsync(journeyId, cancellationToken).ConfigureAwait(false) is not { } settings)
            {
                return false;
            }

            var now = time.GetUtcNow();
            var changed = paused
                ? settings.Value with { Paused = true, PauseReason = null, UpdatedAt = now }
                : settings.Value with { Paused = false, PauseReason = null, ResumedAt = now, UpdatedAt = now };
            if (settings.Value.Paused == paused
                || await store.TrySaveSettingsAsync(changed, settings.Version, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        throw new ConcurrencyConflictException($"Journey {journeyId} settings kept changing.");
    }

    /// <summary>Pauses new entries with the reason EcCrm paused them for; <c>false</c> when unknown or paused already.</summary>
    public async Task<bool> PauseForAsync(string journeyId, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetSettingsAsync(journeyId, cancellationToken).ConfigureAwait(false) is not { Value.Paused: false } settings)
            {
                return false;
            }

            if (await store.TrySaveSettingsAsync(settings.Value with { Paused = true, PauseReason = reason, UpdatedAt = time.GetUtcNow() }, settings.Version, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        throw new ConcurrencyConflictException($"Journey {journeyId} settings kept changing.");
    }

    private static PublishedJourney Published(JourneyDefinition definition, JourneySettings settings) => new(definition, settings.Paused)
    {
        SettingsChangedAt = settings.UpdatedAt,
        PauseReason = settings.PauseReason,
        ResumedAt = settings.ResumedAt,
    };

    /// <returns>Whether the version is the current one now, and whether this call made it so.</returns>
    private async Task<(bool IsCurrent, bool Changed)> MakeCurrentIfNewerAsync(JourneyDefinition journey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var settings = await store.GetSettingsAsync(journey.Id, cancellationToken).ConfigureAwait(false);
            if (settings is not null && settings.Value.CurrentVersion >= journey.Version)
            {
                return (settings.Value.CurrentVersion == journey.Version, false);
            }

            var updated = settings is null
                ? new JourneySettings(journey.Id, journey.Name, journey.Version, Paused: false, time.GetUtcNow())
                : settings.Value with { CurrentVersion = journey.Version, Name = journey.Name, UpdatedAt = time.GetUtcNow() };
            if (await store.TrySaveSettingsAsync(updated, settings?.Version, cancellationToken).ConfigureAwait(false))
            {
                return (true, true);
            }
        }

        throw new ConcurrencyConflictException($"Journey {journey.Id} settings kept changing during publication.");
    }

    /// <summary>The mistakes in the templates the journey sends, at the path of each send node that names one.</summary>
    public Task<IReadOnlyList<JourneyError>> TemplateErrorsAsync(JourneyDefinition journey, CancellationToken cancellationToken) =>
        JourneyTemplates.ErrorsAsync(journey, templates, cancellationToken);

    private static bool SameContent(string a, string b) =>
        JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
}
