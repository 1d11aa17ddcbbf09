using Cronos;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// The Server's journey timekeeping: publishes the journey files once storage is ready, then runs the inactivity sweep
/// on its cron schedule in the shop's time zone (and once at start, to catch up). On Azure the Functions timer trigger does this.
/// </summary>
public sealed partial class JourneyBackgroundService(
    JourneyFilePublisher publisher,
    InactivitySweep sweep,
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The inactivity sweep failed; the next run catches up")]
    private partial void LogSweepFailed(Exception exception);
}
