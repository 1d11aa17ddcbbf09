namespace EcCrm.Core.Privacy.Shopify;

/// <summary>The mandatory compliance topics Shopify sends to one URL, named by <c>X-Shopify-Topic</c>.</summary>
public static class ShopifyComplianceTopics
{
    /// <summary>A customer asked the shop for their data: EcCrm prepares the export.</summary>
    public const string CustomersDataRequest = "customers/data_request";

    /// <summary>The shop asks to erase a customer and the listed orders.</summary>
    public const string CustomersRedact = "customers/redact";

    /// <summary>Sent 48 hours after the shop uninstalled the app: erase the shop's data.</summary>
    public const string ShopRedact = "shop/redact";

    public static IReadOnlyList<string> All { get; } = [CustomersDataRequest, CustomersRedact, ShopRedact];
}
