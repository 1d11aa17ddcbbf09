namespace EcCrm.Core.Journeys.Running;

/// <summary>Delivers <c>TimerFired(token)</c> to an enrollment at (or soon after) a moment. Early deliveries are re-armed by the decider.</summary>
public interface ITimerScheduler
{
    Task ScheduleAsync(string enrollmentId, string token, DateTimeOffset at, CancellationToken cancellationToken);
}
