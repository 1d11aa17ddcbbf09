namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Send an e-mail, after <see cref="Sending.SendPolicy"/> allows it, then report back with <see cref="EffectCompleted"/>.
/// <see cref="IdempotencyKey"/> (<c>{enrollmentId}:{nodeId}:{visit}</c>) is the send-history row key: a second send with it is a no-op.
/// A survey step's e-mail carries its <see cref="Survey"/> question, from which the sender makes the answer links.
/// </summary>
public sealed record SendEmail(string IdempotencyKey, string TemplateId, string NodeId, string SubscriptionGroup, bool Transactional, string? CouponCode, Definition.SurveyQuestion? Survey = null) : JourneyEffect;
