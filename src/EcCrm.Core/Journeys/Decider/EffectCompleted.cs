namespace EcCrm.Core.Journeys.Decider;

/// <summary>The runtime carried out the <see cref="SendEmail"/> with this idempotency key: sent, deferred by the send policy, or blocked.</summary>
public sealed record EffectCompleted(string IdempotencyKey, SendOutcome Outcome) : JourneyInput;
