namespace EcCrm.Core.Journeys.Decider;

/// <summary>A timer asked for by <see cref="WaitUntil"/> is due. Only the token of the current wait counts.</summary>
public sealed record TimerFired(string Token) : JourneyInput;
