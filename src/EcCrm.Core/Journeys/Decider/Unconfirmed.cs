namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Handed to the provider, but its answer was lost (<paramref name="Reason"/>): it may have gone out. The journey goes on
/// as if sent and never asks for it again; the send ledger settles it with the provider's events.
/// </summary>
public sealed record Unconfirmed(DateTimeOffset At, string Reason) : SendOutcome;
