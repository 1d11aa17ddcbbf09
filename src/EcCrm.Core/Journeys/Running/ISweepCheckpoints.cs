namespace EcCrm.Core.Journeys.Running;

/// <summary>The last last-order date each journey's inactivity sweep has finished, so a run resumes where the last one stopped.</summary>
public interface ISweepCheckpoints
{
    Task<DateOnly?> GetAsync(string journeyId, CancellationToken cancellationToken);

    Task SetAsync(string journeyId, DateOnly sweptThrough, CancellationToken cancellationToken);
}
