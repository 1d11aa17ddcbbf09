namespace EcCrm.Core.Tracking;

/// <summary>Where accepted events wait to be stored and applied (the <c>tracked-events</c> queue).</summary>
public interface ITrackedEventQueue
{
    Task EnqueueAsync(IReadOnlyList<TrackedEvent> events, CancellationToken cancellationToken);
}
