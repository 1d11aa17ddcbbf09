using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>
/// Journeys the deliverability guard paused: their marketing e-mail is held, in flight too, until they are resumed, since
/// a journey that draws complaints or bounces harms every journey's sender reputation with each e-mail it sends. (A pause
/// by hand stops new entries only.) What is held is read from the journeys' settings at most once per
/// <see cref="DeliverabilityOptions.HoldRecheck"/> of real time per process, so a send costs no storage call for it, and a
/// resume reaches every host within that time.
/// </summary>
public sealed class HeldJourneys(IJourneyStore store, IOptions<DeliverabilityOptions> options, JourneyClock clock, TimeProvider time)
{
    private volatile Snapshot? last;

    /// <summary>Whether the journey's marketing e-mail is held now.</summary>
    public async ValueTask<bool> IsHeldAsync(string journeyId, CancellationToken cancellationToken)
    {
        var now = clock.ToRealTime(time.GetUtcNow());
        if (last is not { } snapshot || now - snapshot.ReadAt >= options.Value.HoldRecheck || now < snapshot.ReadAt)
        {
            var held = (await store.ListSettingsAsync(cancellationToken).ConfigureAwait(false))
                .Where(settings => settings is { Paused: true, PauseReason: not null })
                .Select(settings => settings.JourneyId)
                .ToHashSet(StringComparer.Ordinal);
            last = snapshot = new Snapshot(now, held);
        }

        return snapshot.Held.Contains(journeyId);
    }

    /// <summary>When a held send asks again: <see cref="DeliverabilityOptions.HoldRecheck"/> of real time after <paramref name="now"/>, on the journeys' clock.</summary>
    public DateTimeOffset AskAgainAt(DateTimeOffset now) => clock.ToJourneyTime(clock.ToRealTime(now) + options.Value.HoldRecheck);

    private sealed record Snapshot(DateTimeOffset ReadAt, HashSet<string> Held);
}
