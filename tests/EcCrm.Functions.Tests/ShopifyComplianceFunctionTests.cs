using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Functions.Webhooks;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Functions.Tests;

/// <summary>Shopify's compliance webhook as a Function, on Azurite: the same answers and effects as the Server's.</summary>
public class ShopifyComplianceFunctionTests
{
    private const string Email = "aoi.compliance@example.jp";
    private static readonly long[] OrdersToRedact = [299938];

    private static string Redact() => JsonSerializer.Serialize(new
    {
        shop_id = 954889,
        shop_domain = "test-shop.myshopify.com",
        customer = new { id = 191167, email = Email, phone = "555-625-1199" },
        orders_to_redact = OrdersToRedact,
    });

    [Fact]
    public async Task ASignedCustomersRedactErasesTheCustomerAndAForgedOneGets401()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);
        var profiles = services.Get<IProfileStore>();
        var key = TestKeys.ForEmail(Email);
        await profiles.TryAddAsync(new CustomerProfile { Key = key, Email = Email, FirstName = "Aoi", UpdatedAt = DateTimeOffset.UtcNow }, default);
        var function = ActivatorUtilities.CreateInstance<ShopifyComplianceFunction>(services.Provider);

        // The customer has no journey run, so the engine client is never called.
        var forged = await FunctionHttp.RequestAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(), secret: "a-secret-of-another-app"), services);
        var (forgedStatus, _) = await FunctionHttp.ExecuteAsync(await function.RunAsync(forged, durable: null!, default), forged);
        Assert.Equal(401, forgedStatus);
        Assert.NotNull(await profiles.GetAsync(key, default));

        var signed = await FunctionHttp.RequestAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact()), services);
        var (status, body) = await FunctionHttp.ExecuteAsync(await function.RunAsync(signed, durable: null!, default), signed);

        Assert.Equal(200, status);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("customers").GetInt32());
        Assert.Null(await profiles.GetAsync(key, default));
    }
}
