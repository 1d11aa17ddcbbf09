namespace EcCrm.Testing;

/// <summary>A complete, valid configuration for a host under test: storage on Azurite plus test secrets.</summary>
public static class TestSettings
{
    public const string ShopifySecret = "test-shopify-secret-0123456789";
    public const string WooCommerceSecret = "test-woocommerce-secret-0123456789";
    public const string GenericSecret = "test-generic-secret-0123456789";
    public const string ApiKey = "test-api-key-0123456789abcdef";
    public const string UnsubscribeSigningKey = "test-unsubscribe-signing-key-0123456789abcdef";
    public const string FromAddress = "news@test-shop.example.com";
    public const string CustomerKeySecret = "test-customer-key-secret-0123456789abcdef";

    /// <summary>The folder a test's mail sink writes to (unique per storage prefix).</summary>
    public static string MailSink(string prefix) => Path.Combine(Path.GetTempPath(), "eccrm-tests-mail", prefix);

    public static Dictionary<string, string?> For(string prefix) => new(TestStorage.Settings(prefix))
    {
        ["Webhooks:Shopify:Secret"] = ShopifySecret,
        ["Webhooks:WooCommerce:Secret"] = WooCommerceSecret,
        ["Webhooks:Generic:Secret"] = GenericSecret,
        ["Api:Key"] = ApiKey,
        ["Shop:Name"] = "Test Shop",
        ["Shop:PostalAddress"] = "1-2-3 Test, Shibuya, Tokyo 150-0002, Japan",
        ["Shop:TimeZone"] = "Asia/Tokyo",
        ["Shop:WebsiteUrl"] = "https://test-shop.example.com",
        ["SendGrid:FromAddress"] = FromAddress,
        ["Unsubscribe:SigningKey"] = UnsubscribeSigningKey,
        ["Privacy:CustomerKeySecret"] = CustomerKeySecret,
        ["Unsubscribe:BaseUrl"] = "https://crm.test-shop.example.com",
        ["Mail:Sink"] = MailSink(prefix),
    };
}
