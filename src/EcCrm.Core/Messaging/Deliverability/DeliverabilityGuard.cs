using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>
/// Pauses a journey whose recent sends draw too many spam complaints or bounces (<see cref="DeliverabilityOptions"/>),
/// with the reason, which the API and the dashboard show. Every provider event about a journey's send marks that send;
/// then each journey the batch touched is judged on its sends in the window, counted from its last resume at the
/// earliest, so resuming starts a clean count. Paused stops new entries, as a pause by hand does.
/// </summary>
public sealed partial class DeliverabilityGuard(
    IDeliverabilityLedger ledger,
    JourneyCatalog catalog,
    IOptions<DeliverabilityOptions> options,
    TimeProvider time,
    ILogger<DeliverabilityGuard> logger)
{
    /// <summary>Marks the sends these events are about and judges their journeys; the ids of the journeys it paused.</summary>
    public async Task<IReadOnlyList<string>> ObserveAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var providerEvent in events)
        {
            if (providerEvent.Send is not { EnrollmentId: { } enrollmentId } send || !EnrollmentIds.TryParse(enrollmentId, out var journeyId, out _, out _))
            {
                continue; // not a journey's send
            }

            foreach (var mark in DeliverabilityRules.MarksOf(providerEvent.Type))
            {
                await ledger.MarkAsync(journeyId, send.IdempotencyKey, mark, providerEvent.At, cancellationToken).ConfigureAwait(false);
            }

            touched.Add(journeyId);
        }

        var paused = new List<string>();
        foreach (var journeyId in touched)
        {
            if (await CheckAsync(journeyId, cancellationToken).ConfigureAwait(false) is not null)
            {
                paused.Add(journeyId);
            }
        }

        return paused;
    }

    /// <summary>Pauses the journey when its rates pass a threshold; the reason when it did.</summary>
    public async Task<string?> CheckAsync(string journeyId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || await catalog.FindAsync(journeyId, cancellationToken).ConfigureAwait(false) is not { Paused: false } journey)
        {
            return null;
        }

        var windowStart = time.GetUtcNow() - settings.Window;
        var since = journey.ResumedAt is { } resumed && resumed > windowStart ? resumed : windowStart;
        var counts = await ledger.CountAsync(journeyId, since, cancellationToken).ConfigureAwait(false);
        if (DeliverabilityRules.PauseReason(counts, settings, since) is not { } reason
            || !await catalog.PauseForAsync(journeyId, reason, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        LogPaused(journeyId, counts.Sends, counts.Bounces, counts.Complaints);
        return reason;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paused journey {JourneyId} for deliverability: {Sends} sends, {Bounces} bounces, {Complaints} spam complaints")]
    private partial void LogPaused(string journeyId, int sends, int bounces, int complaints);
}
