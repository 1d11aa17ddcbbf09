namespace EcCrm.Core.Messaging.Events;

/// <summary>An event webhook request as it arrived: the raw body and the signature headers.</summary>
public sealed record EventWebhookDelivery(ReadOnlyMemory<byte> Body, string? Signature, string? Timestamp);
