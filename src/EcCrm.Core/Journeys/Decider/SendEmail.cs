namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Send an e-mail, after <see cref="Sending.SendPolicy"/> allows it, then report back with <see cref="EffectCompleted"/>.
/// <see cref="IdempotencyKey"/> (<c>{enrollmentId}:{nodeId}:{visit}</c>) is the send-history row key: a second send with it is a no-op.
/// </summary>
public sealed record SendEmail(string IdempotencyKey, string TemplateId, string NodeId, string SubscriptionGroup, bool Transactional, string? CouponCode) : JourneyEffect;
