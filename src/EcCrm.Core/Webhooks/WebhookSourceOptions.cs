namespace EcCrm.Core.Webhooks;

/// <summary>One shop platform's webhook: whether it is accepted and the secret its signatures are made with.</summary>
public sealed class WebhookSourceOptions
{
    /// <summary>A disabled source answers 404, and needs no secret.</summary>
    public bool Enabled { get; set; } = true;

    public string? Secret { get; set; }

    /// <summary>
    /// Shopify only: the shop's <c>*.myshopify.com</c> domain. When set, compliance webhooks for any other shop (another
    /// store that installed the same app) are answered 200 and change nothing; a <c>shop/redact</c> erases every customer.
    /// </summary>
    public string? ShopDomain { get; set; }
}
