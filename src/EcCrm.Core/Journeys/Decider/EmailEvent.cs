namespace EcCrm.Core.Journeys.Decider;

/// <summary>The e-mail provider reported something about an e-mail this enrollment sent, named by its idempotency key.</summary>
public sealed record EmailEvent(EmailEventKind Kind, string IdempotencyKey, string TemplateId, DateTimeOffset At) : JourneyInput;
