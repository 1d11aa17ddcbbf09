using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Carries out a journey's send, exactly once per idempotency key: applies the send policy, keeps the send ledger,
/// renders and hands the e-mail to the provider. Throws when the provider could not be reached (the input is retried).
/// </summary>
public interface IJourneyMailer
{
    Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken);
}
