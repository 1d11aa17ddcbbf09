using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Shop;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// Entries that come with time: the day's sweep on its schedule (<see cref="DailySweep"/>: recommendations, retention,
/// then entries; <c>Sweep__Schedule</c>, in the shop's time zone) and the runs of
/// journeys entered on a schedule of their own. Timer triggers on Linux run in UTC, so the timer ticks every five minutes:
/// the sweep runs in the tick after its schedule fires (it catches up missed days from its checkpoints), and each
/// scheduled journey runs in the tick after its time (at most once per tick, catching up from its checkpoint).
/// </summary>
public sealed class JourneyEntriesFunction(
    DailySweep daily,
    ScheduledEntries scheduled,
    IOptions<SweepOptions> schedule,
    IOptions<ShopOptions> shop,
    TimeProvider time)
{
    /// <summary>How often the timer ticks.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(5);

    [Function("JourneyEntries")]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (schedule.Value.FiresBetween(now - Tick, now, shop.Value.TimeZone))
        {
            await daily.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        await scheduled.RunDueAsync(cancellationToken).ConfigureAwait(false);
    }
}
