using Cronos;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// The Server's journey timekeeping: publishes the journey files once storage is ready, then runs the inactivity sweep
/// on its cron schedule in the shop's time zone (and once at start, to catch up), each time after recomputing the
/// "bought together" recommendations. On Azure the Functions timer trigger does this.
/// </summary>
public sealed partial class JourneyBackgroundService(
    JourneyFilePublisher publisher,
    InactivitySweep sweep,
    ProductAffinityRefresh recommendations,
    StorageReadiness readiness,
    IOptions<JourneyFilesOptions> files,
    IOptions<SweepOptions> options,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    ILogger<JourneyBackgroundService> logger) : BackgroundService
{
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

        var schedule = CronExpression.Parse(options.Value.Schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(shop.Value.TimeZone);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now, zone) is not { } next)
            {
                return;
            }

            await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await RefreshRecommendationsAsync(stoppingToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The inactivity sweep failed; the next run catches up")]
    private partial void LogSweepFailed(Exception exception);
}
