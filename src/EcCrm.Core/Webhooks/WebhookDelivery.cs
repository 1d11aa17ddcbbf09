namespace EcCrm.Core.Webhooks;

/// <summary>One HTTP delivery of a webhook, as any host received it: the route's source, the headers, the raw body.</summary>
public sealed record WebhookDelivery(string Source, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
