namespace EcCrm.Core.Journeys.Decider;

/// <summary>Deliver <see cref="TimerFired"/> with <see cref="Token"/> at <see cref="At"/>. It may be weeks away: the runner chunks long timers.</summary>
public sealed record WaitUntil(DateTimeOffset At, string Token) : JourneyEffect;
