namespace EcCrm.Core.Privacy.Shopify;

/// <summary>
/// A verified compliance request waiting to be carried out: the request as read from Shopify's payload, the delivery
/// id (recorded once it has been carried out) and when it arrived, which names a data request's export when Shopify
/// gives neither a request id nor a delivery id, so that every attempt at the same message writes the same export.
/// </summary>
public sealed record ShopifyComplianceWork(ShopifyComplianceRequest Request, string? DeliveryId, DateTimeOffset ReceivedAt)
{
    /// <summary>Why this cannot be carried out however often it is tried (no request, or not a compliance topic), or <c>null</c>.</summary>
    public string? Problem() => Request is not { Topic: { } topic, OrderIds: not null }
        ? "The message holds no compliance request."
        : ShopifyComplianceTopics.All.Contains(topic)
            ? null
            : $"'{topic}' is not a compliance topic ({string.Join(", ", ShopifyComplianceTopics.All)}).";
}
