using EcCrm.Core.Orders;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Privacy;

public class ShopifyComplianceMapperTests
{
    [Fact]
    public void ReadsADataRequestAsShopifySendsIt()
    {
        var mapping = ShopifyComplianceMapper.Map(Payloads.Parse("""
            {
              "shop_id": 954889,
              "shop_domain": "{shop}.myshopify.com",
              "orders_requested": [299938, 280263, 220458],
              "customer": { "id": 191167, "email": "john@example.com", "phone": "555-625-1199" },
              "data_request": { "id": 9999 }
            }
            """), ShopifyComplianceTopics.CustomersDataRequest);

        var request = Assert.IsType<ShopifyComplianceRequest>(mapping.Request);
        Assert.Empty(mapping.Errors);
        Assert.Equal("954889", request.ShopId);
        Assert.Equal(["299938", "280263", "220458"], request.OrderIds);
        Assert.Equal("9999", request.DataRequestId);
        Assert.Equal([TestKeys.ForEmail("john@example.com"), TestKeys.ForSourceCustomer(OrderSource.Shopify, "191167")], request.KeysUnder(TestKeys.Keys));
    }

    [Fact]
    public void ACustomerKnownOnlyByAnAddressHasOneKey()
    {
        var mapping = ShopifyComplianceMapper.Map(Payloads.Parse("""
            { "shop_id": 954889, "shop_domain": "{shop}.myshopify.com", "customer": { "email": "john@email.com" }, "orders_to_redact": [299938] }
            """), ShopifyComplianceTopics.CustomersRedact);

        Assert.Equal([TestKeys.ForEmail("john@email.com")], mapping.Request!.KeysUnder(TestKeys.Keys));
        Assert.Equal(["299938"], mapping.Request.OrderIds);
    }

    [Fact]
    public void AShopRedactNeedsOnlyTheShop()
    {
        var mapping = ShopifyComplianceMapper.Map(Payloads.Parse("""{ "shop_id": 954889, "shop_domain": "{shop}.myshopify.com" }"""), ShopifyComplianceTopics.ShopRedact);

        Assert.Equal("{shop}.myshopify.com", mapping.Request!.ShopDomain);
        Assert.Empty(mapping.Request.KeysUnder(TestKeys.Keys));
    }

    [Fact]
    public void ARedactWithoutACustomerIsRefusedAtItsPath()
    {
        var mapping = ShopifyComplianceMapper.Map(Payloads.Parse("""{ "shop_domain": "{shop}.myshopify.com", "orders_to_redact": [1, null] }"""), ShopifyComplianceTopics.CustomersRedact);

        Assert.Null(mapping.Request);
        Assert.Equal(["$.customer", "$.orders_to_redact[1]"], mapping.Errors.Select(error => error.Path));
    }
}
