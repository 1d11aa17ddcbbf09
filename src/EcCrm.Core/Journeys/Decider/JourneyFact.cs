namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Something that happened during the enrollment and that conditions or duplicate detection need: an order (Ref = order
/// id) or an e-mail event (Ref = the send's idempotency key, Template = its template), or a survey answer (Ref = the
/// survey e-mail's idempotency key, Template = the survey step's node id, Value = the answer).
/// </summary>
public sealed record JourneyFact(JourneyFactType Type, DateTimeOffset At, string Ref, string? Template = null, string? Value = null);
