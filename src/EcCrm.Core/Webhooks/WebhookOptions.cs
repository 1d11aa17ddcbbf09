namespace EcCrm.Core.Webhooks;

/// <summary>Order webhooks: one secret per source, a body size limit and the replay window of signed timestamps.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    public WebhookSourceOptions Shopify { get; set; } = new();

    public WebhookSourceOptions WooCommerce { get; set; } = new();

    public WebhookSourceOptions Generic { get; set; } = new();

    /// <summary>Bodies above this many bytes are refused with 413 before they are read further.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How far a signed timestamp may lie from now (generic format) before the delivery counts as a replay.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    public WebhookSourceOptions? For(string source) => source switch
    {
        OrderWebhookSources.Shopify => Shopify,
        OrderWebhookSources.WooCommerce => WooCommerce,
        OrderWebhookSources.Generic => Generic,
        _ => null,
    };
}
