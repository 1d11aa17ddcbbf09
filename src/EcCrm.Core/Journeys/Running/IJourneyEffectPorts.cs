using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// How a runtime carries out a send for <see cref="JourneyInterpreter"/>: the durable orchestration calls an activity,
/// the simulator answers in memory. The outcome is fed straight back to the decider.
/// </summary>
public interface IJourneyEffectPorts
{
    /// <summary>Carries out <see cref="JourneySendRequest.Before"/>, then sends (exactly once per idempotency key) or reports why not.</summary>
    Task<SendOutcome> SendAsync(JourneySendRequest request);
}
