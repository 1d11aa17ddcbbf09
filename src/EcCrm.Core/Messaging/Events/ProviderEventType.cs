namespace EcCrm.Core.Messaging.Events;

/// <summary>What the e-mail provider reports about a message (SendGrid's event types).</summary>
public enum ProviderEventType
{
    Processed,
    Delivered,
    Deferred,
    Dropped,
    Bounce,
    Open,
    Click,
    SpamReport,
    Unsubscribe,
    GroupUnsubscribe,
    GroupResubscribe,
}
