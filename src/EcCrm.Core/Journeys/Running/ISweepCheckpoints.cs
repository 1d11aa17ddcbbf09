namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Where each journey's entry runs got to, so the next run resumes there: the last date the daily sweep read for it, and
/// the last moment its own schedule ran (journeys entered on a schedule).
/// </summary>
public interface ISweepCheckpoints
{
    Task<DateOnly?> GetAsync(string journeyId, CancellationToken cancellationToken);

    Task SetAsync(string journeyId, DateOnly sweptThrough, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetScheduledAsync(string journeyId, CancellationToken cancellationToken);

    Task SetScheduledAsync(string journeyId, DateTimeOffset ranThrough, CancellationToken cancellationToken);
}
