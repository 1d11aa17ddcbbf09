using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// The Server's journey timekeeping: publishes the journey files once storage is ready, then runs the sweep on its cron
/// schedule in the shop's time zone (and once at start, to catch up) as <see cref="DailySweep"/>, with the "bought
/// together" recommendations recomputed and what is past its retention removed first, and the journeys entered on a
/// schedule of their own at their times. It wakes at the next of those
/// times, and at least hourly to notice journeys published meanwhile. On Azure the Functions timer trigger does this.
/// </summary>
public sealed partial class JourneyBackgroundService(
    JourneyFilePublisher publisher,
    DailySweep daily,
    ScheduledEntries scheduled,
    StorageReadiness readiness,
    IOptions<JourneyFilesOptions> files,
    IOptions<SweepOptions> options,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    ILogger<JourneyBackgroundService> logger) : BackgroundService
{
    /// <summary>The longest the service sleeps (journey time) before it looks at the published journeys again.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        if (files.Value.PublishOnStart)
        {
            await publisher.PublishAllAsync(stoppingToken).ConfigureAwait(false);
        }

        if (options.Value.RunOnStart)
        {
            await daily.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await daily.RefreshRecommendationsAsync(stoppingToken).ConfigureAwait(false);
        }

        var schedule = new EntrySchedule(options.Value, shop.Value.TimeZone);
        var last = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunScheduledAsync(stoppingToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var nextSweep = schedule.NextSweep(last);
            var next = new[] { nextSweep, await NextScheduledAsync(now, stoppingToken).ConfigureAwait(false), now + LongestWait }.Min()!.Value;
            if (next > now)
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            }

            if (nextSweep is { } due && due <= time.GetUtcNow())
            {
                last = due;
                await daily.RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunScheduledAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduled.RunDueAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next wake catches up from the checkpoint.
            LogScheduledFailed(ex);
        }
    }

    private async Task<DateTimeOffset?> NextScheduledAsync(DateTimeOffset now, CancellationToken stoppingToken)
    {
        try
        {
            return await scheduled.NextRunAsync(now, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogScheduledFailed(ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Running the scheduled journeys failed; the next wake catches up")]
    private partial void LogScheduledFailed(Exception exception);
}
