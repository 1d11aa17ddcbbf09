namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>What a provider event says about one send, for the guard: that it went out, bounced, or drew a spam complaint.</summary>
public enum DeliverabilityMark
{
    Sent,
    Bounced,
    Complained,
}
