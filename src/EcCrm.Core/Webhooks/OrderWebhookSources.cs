namespace EcCrm.Core.Webhooks;

/// <summary>The <c>{source}</c> segment of <c>POST /webhooks/orders/{source}</c>.</summary>
public static class OrderWebhookSources
{
    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";
    public const string Generic = "generic";

    public static IReadOnlyList<string> All { get; } = [Shopify, WooCommerce, Generic];
}
