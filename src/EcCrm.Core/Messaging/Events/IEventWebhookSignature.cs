namespace EcCrm.Core.Messaging.Events;

/// <summary>Checks the provider's signature on an event webhook delivery (SendGrid: ECDSA over timestamp + raw body).</summary>
public interface IEventWebhookSignature
{
    /// <summary>Whether a verification key is configured; without one, event deliveries are refused.</summary>
    bool IsConfigured { get; }

    bool Verify(string body, string signature, string timestamp);
}
