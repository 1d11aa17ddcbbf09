namespace EcCrm.Core.Webhooks;

/// <summary>Header names of the order webhooks, as each platform documents them.</summary>
public static class WebhookHeaders
{
    public const string ShopifyHmac = "X-Shopify-Hmac-Sha256";
    public const string ShopifyTopic = "X-Shopify-Topic";
    public const string ShopifyWebhookId = "X-Shopify-Webhook-Id";
    public const string WooCommerceSignature = "X-WC-Webhook-Signature";
    public const string WooCommerceTopic = "X-WC-Webhook-Topic";
    public const string WooCommerceDeliveryId = "X-WC-Webhook-Delivery-ID";

    /// <summary>Generic format: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.</summary>
    public const string GenericSignature = "X-EcCrm-Signature";

    /// <summary>Generic format: an optional delivery id used to recognise retries.</summary>
    public const string GenericDeliveryId = "X-EcCrm-Delivery-Id";
}
