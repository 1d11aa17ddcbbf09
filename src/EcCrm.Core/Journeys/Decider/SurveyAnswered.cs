namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// The customer answered the survey e-mail <see cref="IdempotencyKey"/> (sent by the survey step <see cref="Survey"/>)
/// with <see cref="Answer"/>: a score 0–10 or a choice id. A second copy of the same answer changes nothing; a different
/// answer (changed within the answer window) replaces it.
/// </summary>
public sealed record SurveyAnswered(string IdempotencyKey, string Survey, string Answer, DateTimeOffset At) : JourneyInput;
