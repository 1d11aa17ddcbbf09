using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.Journeys;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Engine;

/// <summary>
/// Purges finished runs from the task hub after <see cref="JourneyRunOptions.PurgeAfter"/>, every <see cref="DurableOptions.PurgeEvery"/>,
/// so its tables stay small. The engine's times are real time, whatever the journeys' clock reads.
/// </summary>
public sealed partial class JourneyRunPurge(
    DurableTaskClient durable,
    StorageReadiness readiness,
    IOptions<DurableOptions> options,
    IOptions<JourneyRunOptions> runs,
    ILogger<JourneyRunPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var every = new PeriodicTimer(options.Value.PurgeEvery);
        do
        {
            try
            {
                var purged = await JourneyRuns.PurgeAsync(durable, TimeProvider.System.GetUtcNow() - runs.Value.PurgeAfter, stoppingToken).ConfigureAwait(false);
                LogPurged(purged, runs.Value.PurgeAfter.TotalDays);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPurgeFailed(ex); // the next round tries again
            }
        }
        while (await every.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} journey runs finished more than {Days} days ago")]
    private partial void LogPurged(int count, double days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging finished journey runs failed; the next round tries again")]
    private partial void LogPurgeFailed(Exception exception);
}
