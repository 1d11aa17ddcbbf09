using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The inactivity sweep outside its schedule: when it runs next, and running it now (recommendations recomputed first,
/// as before every scheduled sweep). A journey published in the morning need not wait for the night's sweep.
/// </summary>
public sealed class SweepOnDemand(
    ProductAffinityRefresh recommendations,
    EntrySweep sweep,
    IOptions<SweepOptions> options,
    IOptions<ShopOptions> shop,
    TimeProvider time)
{
    public SweepPlan Plan() =>
        new(options.Value.Schedule, shop.Value.TimeZone, options.Value.NextRunAfter(time.GetUtcNow(), shop.Value.TimeZone), options.Value.CatchUpDays);

    public async Task<IReadOnlyList<SweepReport>> RunNowAsync(CancellationToken cancellationToken)
    {
        await recommendations.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
