using System.Net.Http.Headers;
using System.Text;
using EcCrm.Core.Webhooks;

namespace EcCrm.Testing;

/// <summary>Webhook requests signed the way each platform signs them, with the test secrets.</summary>
public static class SignedWebhooks
{
    public static HttpRequestMessage Shopify(string body, string topic = "orders/create", string? webhookId = null, string? secret = null)
    {
        var request = Json("/webhooks/orders/shopify", body);
        request.Headers.Add(WebhookHeaders.ShopifyHmac, WebhookSignatures.SignBase64(secret ?? TestSettings.ShopifySecret, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(WebhookHeaders.ShopifyTopic, topic);
        request.Headers.Add(WebhookHeaders.ShopifyWebhookId, webhookId ?? Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>A Shopify compliance webhook (<c>customers/data_request</c>, <c>customers/redact</c>, <c>shop/redact</c>).</summary>
    public static HttpRequestMessage ShopifyCompliance(string topic, string body, string? webhookId = null, string? secret = null)
    {
        var request = Json("/webhooks/shopify/compliance", body);
        request.Headers.Add(WebhookHeaders.ShopifyHmac, WebhookSignatures.SignBase64(secret ?? TestSettings.ShopifySecret, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(WebhookHeaders.ShopifyTopic, topic);
        request.Headers.Add(WebhookHeaders.ShopifyWebhookId, webhookId ?? Guid.NewGuid().ToString());
        return request;
    }

    public static HttpRequestMessage WooCommerce(string body, string topic = "order.created", string? deliveryId = null)
    {
        var request = Json("/webhooks/orders/woocommerce", body);
        request.Headers.Add(WebhookHeaders.WooCommerceSignature, WebhookSignatures.SignBase64(TestSettings.WooCommerceSecret, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(WebhookHeaders.WooCommerceTopic, topic);
        request.Headers.Add(WebhookHeaders.WooCommerceDeliveryId, deliveryId ?? Guid.NewGuid().ToString());
        return request;
    }

    public static HttpRequestMessage Generic(string body, DateTimeOffset? signedAt = null)
    {
        var request = Json("/webhooks/orders/generic", body);
        request.Headers.Add(WebhookHeaders.GenericSignature, WebhookSignatures.SignTimestamped(TestSettings.GenericSecret, Encoding.UTF8.GetBytes(body), signedAt ?? DateTimeOffset.UtcNow));
        return request;
    }

    public static HttpRequestMessage WithoutSignature(string path, string body) => Json(path, body);

    private static HttpRequestMessage Json(string path, string body) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
    };
}
