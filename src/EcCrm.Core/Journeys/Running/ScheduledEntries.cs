using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Journeys entered on a schedule (<c>"trigger": { "type": "schedule", "cron": … }</c>): at each time of the cron (shop
/// time zone), the customers in the trigger's segments (everybody when it names none) enter, as the re-entry rules allow.
/// Hosts call <see cref="RunDueAsync"/> whenever they like (the Server at each schedule's next time, the Functions app every
/// minute): a journey runs once for the latest of its times since its checkpoint, so a host that was down catches up with
/// one run, not one per missed time, and none older than <see cref="SweepOptions.CatchUpDays"/> days. A journey first runs
/// at its first time after it was published; while paused, its times pass without a run.
/// </summary>
public sealed partial class ScheduledEntries(
    JourneyCatalog catalog,
    IProfileDirectory directory,
    IEnrollmentStore enrollments,
    ISweepCheckpoints checkpoints,
    JourneyEnrollment enrollment,
    IOptions<SweepOptions> options,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    ILogger<ScheduledEntries> logger)
{
    public async Task<IReadOnlyList<SweepReport>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var schedule = new EntrySchedule(options.Value, shop.Value.TimeZone);
        var reports = new List<SweepReport>();
        IReadOnlyList<CustomerProfile>? everyone = null;
        foreach (var journey in JourneyOrder.Sort(await catalog.ListAsync(cancellationToken).ConfigureAwait(false)))
        {
            if (journey.Definition.Entry.Trigger is not ScheduleTrigger trigger)
            {
                continue;
            }

            var since = await checkpoints.GetScheduledAsync(journey.Definition.Id, cancellationToken).ConfigureAwait(false)
                ?? journey.SettingsChangedAt
                ?? now;
            var due = schedule.RunsBetween(trigger, since, now).LastOrDefault();
            if (due == default)
            {
                continue;
            }

            if (!journey.Paused && due >= now.AddDays(-options.Value.CatchUpDays))
            {
                everyone ??= await ReadEveryoneAsync(cancellationToken).ConfigureAwait(false);
                reports.Add(await RunAsync(journey.Definition, trigger, due, everyone, cancellationToken).ConfigureAwait(false));
            }

            await checkpoints.SetScheduledAsync(journey.Definition.Id, due, cancellationToken).ConfigureAwait(false);
        }

        return reports;
    }

    /// <summary>The next time any published schedule runs after <paramref name="after"/>, for a host that waits until then.</summary>
    public async Task<DateTimeOffset?> NextRunAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        var schedule = new EntrySchedule(options.Value, shop.Value.TimeZone);
        return (await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(journey => journey.Definition.Entry.Trigger is ScheduleTrigger trigger ? schedule.NextRun(trigger, after) : null)
            .Min();
    }

    private async Task<SweepReport> RunAsync(JourneyDefinition journey, ScheduleTrigger trigger, DateTimeOffset at, IReadOnlyList<CustomerProfile> everyone, CancellationToken cancellationToken)
    {
        var found = everyone.Select(profile => RfmSegmentation.AsOf(profile, at))
            .Where(profile => trigger.Segments.Count == 0 || trigger.Segments.Contains(profile.Segment))
            .ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        var (enrolled, skipped) = await EntrySweep.EnrollAllAsync(enrollment, enrollments, journey, found, at, parallel).ConfigureAwait(false);
        LogRan(journey.Id, at, found.Count, enrolled);
        return new SweepReport(journey.Id, null, null, found.Count, enrolled, skipped, 0);
    }

    private async Task<IReadOnlyList<CustomerProfile>> ReadEveryoneAsync(CancellationToken cancellationToken)
    {
        var everyone = new List<CustomerProfile>();
        await foreach (var profile in directory.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            everyone.Add(profile);
        }

        return everyone;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run of {JourneyId} at {At}: {Found} customers in its segments, {Enrolled} enrolled")]
    private partial void LogRan(string journeyId, DateTimeOffset at, int found, int enrolled);
}
