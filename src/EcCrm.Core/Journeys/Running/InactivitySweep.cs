using System.Collections.Concurrent;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Enrolls customers who became inactive. For a journey entered after N days without an order, it reads only the
/// last-order index partitions whose every customer is now N days idle and that it has not read before: the dates from
/// the day after the journey's checkpoint (on its first sweep, <see cref="SweepOptions.CatchUpDays"/> back) through date(now − N days) − 1. Its cost is
/// the number of due customers, whatever the number of others. Running it twice enrolls nobody twice: the checkpoint
/// skips what was read, and enrollment ids are deterministic.
/// </summary>
public sealed partial class InactivitySweep(
    JourneyCatalog catalog,
    ILastOrderIndex index,
    IProfileStore profiles,
    ISweepCheckpoints checkpoints,
    JourneyEnrollment enrollment,
    IOptions<SweepOptions> options,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    ILogger<InactivitySweep> logger) : IDisposable
{
    // One sweep at a time in a process: the schedule and "run the sweep now" may ask together.
    private readonly SemaphoreSlim running = new(1, 1);

    public async Task<IReadOnlyList<SweepReport>> RunAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reports = new List<SweepReport>();
            foreach (var journey in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!journey.Paused && journey.Definition.Entry.Trigger is InactivityTrigger { Days: { } days })
                {
                    reports.Add(await SweepAsync(journey.Definition, days, cancellationToken).ConfigureAwait(false));
                }
            }

            return reports;
        }
        finally
        {
            running.Release();
        }
    }

    public void Dispose() => running.Dispose();

    /// <summary>The newest last-order date whose every customer has been idle for <paramref name="days"/> days at <paramref name="now"/>.</summary>
    public static DateOnly DueThrough(DateTimeOffset now, int days, string shopTimeZone) =>
        TimeZones.DateIn(now.AddDays(-days), shopTimeZone).AddDays(-1);

    private async Task<SweepReport> SweepAsync(JourneyDefinition journey, int days, CancellationToken cancellationToken)
    {
        var through = DueThrough(time.GetUtcNow(), days, shop.Value.TimeZone);
        // A journey's first sweep reads CatchUpDays back; after that every day since its checkpoint, however long the
        // host was down: a customer who became due during an outage is still due, and skipping the day loses them.
        var checkpoint = await checkpoints.GetAsync(journey.Id, cancellationToken).ConfigureAwait(false);
        var from = checkpoint is { } done ? done.AddDays(1) : through.AddDays(1 - Math.Max(1, options.Value.CatchUpDays));
        if (from > through)
        {
            return new SweepReport(journey.Id, null, null, 0, 0, 0, 0);
        }

        int candidates = 0, enrolled = 0, skipped = 0, stale = 0;
        for (var date = from; date <= through; date = date.AddDays(1))
        {
            var keys = new List<CustomerKey>();
            await foreach (var key in index.ListAsync(date, cancellationToken).ConfigureAwait(false))
            {
                keys.Add(key);
            }

            var outcomes = new ConcurrentBag<string>();
            var lastOrderDate = date;
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken }, async (key, ct) =>
            {
                var profile = (await profiles.GetAsync(key, ct).ConfigureAwait(false))?.Value;
                if (profile?.LastOrderAt is not { } last || TimeZones.DateIn(last, shop.Value.TimeZone) != lastOrderDate)
                {
                    // The customer ordered again (or the row outlived a crash): the row no longer belongs here.
                    await index.RemoveAsync(lastOrderDate, key, ct).ConfigureAwait(false);
                    outcomes.Add("stale");
                    return;
                }

                var outcome = await enrollment.EnrollAsync(journey, profile, null, ct).ConfigureAwait(false);
                outcomes.Add(outcome.Enrolled ? "enrolled" : "skipped");
            }).ConfigureAwait(false);

            candidates += keys.Count;
            enrolled += outcomes.Count(o => o == "enrolled");
            skipped += outcomes.Count(o => o == "skipped");
            stale += outcomes.Count(o => o == "stale");
            await checkpoints.SetAsync(journey.Id, date, cancellationToken).ConfigureAwait(false);
        }

        LogSwept(journey.Id, from, through, candidates, enrolled);
        return new SweepReport(journey.Id, from, through, candidates, enrolled, skipped, stale);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inactivity sweep of {JourneyId}: last orders {From} to {Through}, {Candidates} candidates, {Enrolled} enrolled")]
    private partial void LogSwept(string journeyId, DateOnly from, DateOnly through, int candidates, int enrolled);
}
