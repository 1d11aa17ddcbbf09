namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Something that happened during the enrollment and that conditions or duplicate detection need: an order (Ref = order
/// id) or an e-mail event (Ref = the send's idempotency key, Template = its template).
/// </summary>
public sealed record JourneyFact(JourneyFactType Type, DateTimeOffset At, string Ref, string? Template = null);
