using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Shop;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// The inactivity sweep on its schedule (<c>Sweep__Schedule</c>, in the shop's time zone). Timer triggers on Linux run
/// in UTC, so the timer ticks hourly and the sweep runs in the hour its schedule fires; the sweep itself catches up
/// missed days from its checkpoints.
/// </summary>
public sealed class InactivitySweepFunction(
    InactivitySweep sweep, ProductAffinityRefresh recommendations, IOptions<SweepOptions> schedule, IOptions<ShopOptions> shop, TimeProvider time)
{
    [Function("InactivitySweep")]
    public async Task RunAsync([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!schedule.Value.FiresBetween(now.AddHours(-1), now, shop.Value.TimeZone))
        {
            return;
        }

        await recommendations.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
