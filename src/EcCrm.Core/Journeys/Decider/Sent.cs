namespace EcCrm.Core.Journeys.Decider;

public sealed record Sent(DateTimeOffset At) : SendOutcome;
