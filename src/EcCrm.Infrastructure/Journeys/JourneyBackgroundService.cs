using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Privacy;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// The Server's journey timekeeping: publishes the journey files once storage is ready, then runs the sweep on its cron
/// schedule in the shop's time zone (and once at start, to catch up), each time after recomputing the "bought together"
/// recommendations and removing what is past its retention (<see cref="DataRetention"/>), and the journeys entered on a schedule of their own at their times. It wakes at the next of those
/// times, and at least hourly to notice journeys published meanwhile. On Azure the Functions timer trigger does this.
/// </summary>
public sealed partial class JourneyBackgroundService(
    JourneyFilePublisher publisher,
    EntrySweep sweep,
    ScheduledEntries scheduled,
    ProductAffinityRefresh recommendations,
    DataRetention retention,
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
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await RefreshRecommendationsAsync(stoppingToken).ConfigureAwait(false);
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
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await RefreshRecommendationsAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await retention.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next day's run removes what this one left.
            LogRetentionFailed(ex);
        }

        try
        {
            await sweep.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next run catches up from the checkpoint.
            LogSweepFailed(ex);
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

    private async Task RefreshRecommendationsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await recommendations.RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogRefreshFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recomputing recommendations failed; e-mails use the previous ones")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sweep failed; the next run catches up")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Removing data past its retention failed; the next sweep tries again")]
    private partial void LogRetentionFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running the scheduled journeys failed; the next wake catches up")]
    private partial void LogScheduledFailed(Exception exception);
}
