using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Timers as delayed <c>journey-inputs</c> messages. A wait beyond the queue's seven-day limit arrives early, and the
/// decider answers an early timer by asking for it again: long waits are chunked without any state here.
/// Under a <see cref="ScaledTimeProvider"/> the real delay shrinks by the scale.
/// </summary>
public sealed class QueueTimerScheduler(QueueEnrollmentInbox inbox, TimeProvider time) : ITimerScheduler
{
    public Task ScheduleAsync(string enrollmentId, string token, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var delay = at - time.GetUtcNow();
        return inbox.DeliverAsync(enrollmentId, new TimerFired(token), time is ScaledTimeProvider scaled ? scaled.ToRealDelay(delay) : delay, cancellationToken);
    }
}
