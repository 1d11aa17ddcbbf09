using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// What a runtime does with the decider's effects. The embedded runner calls the ports directly; the Durable
/// orchestrator turns each call into an activity (and a <see cref="WaitUntil"/> into a durable timer).
/// </summary>
public interface IJourneyEffectPorts
{
    /// <summary>Sends (exactly once per idempotency key) or reports why not; the outcome is fed back to the decider.</summary>
    Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken);

    Task ScheduleTimerAsync(string enrollmentId, WaitUntil wait, CancellationToken cancellationToken);

    /// <summary>Every other effect: journey events, coupons, profile actions.</summary>
    Task CarryOutAsync(EnrollmentContext enrollment, JourneyEffect effect, CancellationToken cancellationToken);
}
