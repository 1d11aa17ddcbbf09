namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// The customer unsubscribed (by the link in an e-mail, or the provider reported it) from <see cref="Group"/>, or from
/// all marketing when it is <c>null</c>. Runs that send marketing e-mail in that group end at once.
/// </summary>
public sealed record Unsubscribed(string? Group, DateTimeOffset At) : JourneyInput;
