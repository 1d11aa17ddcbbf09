using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The day's work at the sweep's time, the same in the Server and the Functions app: the "bought together"
/// recommendations recomputed, data past its retention removed (<see cref="DataRetention"/>), then the entry sweep
/// (<see cref="EntrySweep"/>). Each step runs whatever became of the one before: e-mails keep the previous
/// recommendations, the next day removes what this one left, and the next sweep catches up from its checkpoints. A failed
/// step is logged as an error, not thrown, so the host's loop or timer goes on.
/// </summary>
public sealed partial class DailySweep(
    ProductAffinityRefresh recommendations,
    DataRetention retention,
    EntrySweep sweep,
    ILogger<DailySweep> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RefreshRecommendationsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await retention.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRetentionFailed(ex);
        }

        try
        {
            await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSweepFailed(ex);
        }
    }

    /// <summary>Recomputes the recommendations alone, as a host starting without a sweep does.</summary>
    public async Task RefreshRecommendationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recommendations.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recomputing recommendations failed; e-mails use the previous ones")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Removing data past its retention failed; the next sweep tries again")]
    private partial void LogRetentionFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sweep failed; the next run catches up from its checkpoints")]
    private partial void LogSweepFailed(Exception exception);
}
