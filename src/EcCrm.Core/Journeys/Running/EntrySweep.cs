using System.Collections.Concurrent;
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
/// The daily sweep (on <see cref="SweepOptions.Schedule"/>): enrolls the customers who became due for journeys entered by
/// inactivity or by segment, and tells running enrollments of journeys that exit on <c>leftSegment</c> when time alone
/// moved their customer to another segment. What each journey's sweep reads comes from <see cref="EntrySchedule"/>, the
/// use case the simulator and backtests ask too:
/// <list type="bullet">
/// <item>inactivity by days reads only the last-order index partitions whose every customer is now due and that no sweep
/// read before, so its cost is the number of due customers;</item>
/// <item>inactivity by the customer's own interval, and segments, depend on each customer's history, so they read every
/// profile, once per sweep for all such journeys together, and each such journey's enrollments in one query.</item>
/// </list>
/// Running it twice enrolls nobody twice: checkpoints skip what was read, and enrollment ids are deterministic.
/// </summary>
public sealed partial class EntrySweep(
    JourneyCatalog catalog,
    ILastOrderIndex index,
    IProfileStore profiles,
    IProfileDirectory directory,
    IEnrollmentStore enrollments,
    ISweepCheckpoints checkpoints,
    JourneyEnrollment enrollment,
    ProfileChanges changes,
    IOptions<SweepOptions> options,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    ILogger<EntrySweep> logger) : IDisposable
{
    // One sweep at a time in a process: the schedule and "run the sweep now" may ask together.
    private readonly SemaphoreSlim running = new(1, 1);

    public void Dispose() => running.Dispose();

    public async Task<IReadOnlyList<SweepReport>> RunAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SweepAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }

    private async Task<IReadOnlyList<SweepReport>> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var schedule = new EntrySchedule(options.Value, shop.Value.TimeZone);
        var everyone = new Lazy<Task<IReadOnlyList<CustomerProfile>>>(() => ReadEveryoneAsync(now, cancellationToken));
        var reports = new List<SweepReport>();
        foreach (var journey in JourneyOrder.Sort(await catalog.ListAsync(cancellationToken).ConfigureAwait(false)))
        {
            var definition = journey.Definition;
            if (definition.Entry.Trigger is not (InactivityTrigger or SegmentTrigger) && !definition.ExitsOn(ExitTrigger.LeftSegment))
            {
                continue;
            }

            // Paused stops new entries only: the enrollments in flight still hear that their customer left the segment.
            var report = journey.Paused
                ? new SweepReport(definition.Id, null, null, 0, 0, 0, 0)
                : await EnrollDueAsync(schedule, definition, now, everyone, cancellationToken).ConfigureAwait(false);
            if (definition.ExitsOn(ExitTrigger.LeftSegment))
            {
                report = report with { ProfilesChanged = await TellSegmentChangesAsync(definition, now, await everyone.Value.ConfigureAwait(false), cancellationToken).ConfigureAwait(false) };
            }

            if (!journey.Paused || report.ProfilesChanged > 0)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    private async Task<SweepReport> EnrollDueAsync(
        EntrySchedule schedule, JourneyDefinition journey, DateTimeOffset now, Lazy<Task<IReadOnlyList<CustomerProfile>>> everyone, CancellationToken cancellationToken)
    {
        var scope = schedule.Scope(journey, now, await checkpoints.GetAsync(journey.Id, cancellationToken).ConfigureAwait(false));
        var report = scope switch
        {
            SweepScope.LastOrderDates dates => await ReadIndexAsync(journey, dates, now, cancellationToken).ConfigureAwait(false),
            SweepScope.NoRead => new SweepReport(journey.Id, null, null, 0, 0, 0, 0),
            _ => await ReadProfilesAsync(schedule, journey, scope, now, await everyone.Value.ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
        };
        if (scope.Checkpoint is { } through)
        {
            await checkpoints.SetAsync(journey.Id, through, cancellationToken).ConfigureAwait(false);
        }

        LogSwept(journey.Id, scope.GetType().Name, report.Candidates, report.Enrolled);
        return report;
    }

    private async Task<SweepReport> ReadIndexAsync(JourneyDefinition journey, SweepScope.LastOrderDates dates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int candidates = 0, enrolled = 0, skipped = 0, stale = 0;
        for (var date = dates.From; date <= dates.Through; date = date.AddDays(1))
        {
            var keys = new List<CustomerKey>();
            await foreach (var key in index.ListAsync(date, cancellationToken).ConfigureAwait(false))
            {
                keys.Add(key);
            }

            var outcomes = new ConcurrentBag<string>();
            var lastOrderDate = date;
            await Parallel.ForEachAsync(keys, ParallelOptionsFor(cancellationToken), async (key, ct) =>
            {
                var profile = (await profiles.GetAsync(key, ct).ConfigureAwait(false))?.Value;
                if (profile?.LastOrderAt is not { } last || TimeZones.DateIn(last, shop.Value.TimeZone) != lastOrderDate)
                {
                    // The customer ordered again (or the row outlived a crash): the row no longer belongs here.
                    await index.RemoveAsync(lastOrderDate, key, ct).ConfigureAwait(false);
                    outcomes.Add(nameof(stale));
                    return;
                }

                var outcome = await enrollment.EnrollAsync(journey, profile, null, ct).ConfigureAwait(false);
                outcomes.Add(outcome.Enrolled ? nameof(enrolled) : nameof(skipped));
            }).ConfigureAwait(false);

            candidates += keys.Count;
            enrolled += outcomes.Count(o => o == nameof(enrolled));
            skipped += outcomes.Count(o => o == nameof(skipped));
            stale += outcomes.Count(o => o == nameof(stale));
        }

        return new SweepReport(journey.Id, dates.From, dates.Through, candidates, enrolled, skipped, stale);
    }

    private async Task<SweepReport> ReadProfilesAsync(
        EntrySchedule schedule, JourneyDefinition journey, SweepScope scope, DateTimeOffset now, IReadOnlyList<CustomerProfile> everyone, CancellationToken cancellationToken)
    {
        // Customers outside a segment trigger's segments are passed over here rather than one by one by the entry rules.
        var found = everyone
            .Where(profile => schedule.Miss(journey, scope, profile, now) is null
                && (scope is not SweepScope.InSegments segments || segments.Segments.Contains(profile.Segment)))
            .ToList();
        var (enrolled, skipped) = await EnrollAllAsync(enrollment, enrollments, journey, found, now, ParallelOptionsFor(cancellationToken)).ConfigureAwait(false);
        var (from, through) = scope is SweepScope.DueDates dates ? (dates.From, dates.Through) : ((DateOnly?)null, (DateOnly?)null);
        return new SweepReport(journey.Id, from, through, found.Count, enrolled, skipped, 0);
    }

    /// <summary>
    /// Enrolls the customers a run found, with the journey's enrollments read in one query rather than one per customer,
    /// so customers already in it (the many, for a segment) cost nothing more. Shared with the scheduled runs.
    /// </summary>
    internal static async Task<(int Enrolled, int Skipped)> EnrollAllAsync(
        JourneyEnrollment enrollment, IEnrollmentStore enrollments, JourneyDefinition journey, IReadOnlyList<CustomerProfile> found, DateTimeOffset now, ParallelOptions parallel)
    {
        if (found.Count == 0)
        {
            return (0, 0);
        }

        var earlier = (await enrollments.ListByJourneyAsync(journey.Id, parallel.CancellationToken).ConfigureAwait(false))
            .ToLookup(record => record.Customer);
        var enrolled = 0;
        await Parallel.ForEachAsync(found, parallel, async (profile, ct) =>
        {
            var outcome = await enrollment.EnrollAsync(journey, profile, null, [.. earlier[profile.Key]], now, ct).ConfigureAwait(false);
            if (outcome.Enrolled)
            {
                Interlocked.Increment(ref enrolled);
            }
        }).ConfigureAwait(false);
        return (enrolled, found.Count - enrolled);
    }

    private async Task<int> TellSegmentChangesAsync(JourneyDefinition journey, DateTimeOffset now, IReadOnlyList<CustomerProfile> everyone, CancellationToken cancellationToken)
    {
        var running = (await enrollments.ListByJourneyAsync(journey.Id, cancellationToken).ConfigureAwait(false)).Where(record => !record.HasEnded).ToList();
        if (running.Count == 0)
        {
            return 0;
        }

        var byKey = everyone.ToDictionary(profile => profile.Key);
        var told = 0;
        await Parallel.ForEachAsync(running, ParallelOptionsFor(cancellationToken), async (record, ct) =>
        {
            if (byKey.TryGetValue(record.Customer, out var profile) && await changes.TellAsync(record, profile, now, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref told);
            }
        }).ConfigureAwait(false);
        return told;
    }

    private async Task<IReadOnlyList<CustomerProfile>> ReadEveryoneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var everyone = new List<CustomerProfile>();
        await foreach (var profile in directory.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            everyone.Add(RfmSegmentation.AsOf(profile, now));
        }

        return everyone;
    }

    private ParallelOptions ParallelOptionsFor(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep of {JourneyId} ({Scope}): {Candidates} candidates, {Enrolled} enrolled")]
    private partial void LogSwept(string journeyId, string scope, int candidates, int enrolled);
}
