using EcCrm.Testing;
using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Tests.Tracking;

public class ShopifyCheckoutMapperTests
{
    /// <summary>A checkouts/update body in Shopify's REST shape (prices as strings, ids as numbers), trimmed.</summary>
    private const string Checkout = """
        {
          "id": 981820079255243537, "token": "123123123", "cart_token": "eeafa272cebfd4b22385bc4b645e762c",
          "email": "lena@example.de", "buyer_accepts_marketing": false,
          "created_at": "2026-03-07T19:10:00+01:00", "updated_at": "2026-03-07T19:20:00+01:00", "completed_at": null,
          "currency": "EUR", "presentment_currency": "EUR", "total_price": "89.00", "subtotal_price": "89.00",
          "abandoned_checkout_url": "https://shop.example.com/1234/checkouts/123123123/recover?key=example-secret-token",
          "note_attributes": [{ "name": "gift", "value": "no" }, { "name": "eccrm_anonymous_id", "value": "visitor-9" }],
          "customer": { "id": 603851970716743426, "email": "lena@example.de", "first_name": "Lena", "last_name": "Vogel" },
          "line_items": [
            { "key": "39072856", "product_id": 632910392, "variant_id": 39072856, "title": "Hand grinder", "quantity": 1, "price": "79.00", "sku": "HG-1" },
            { "key": "a", "product_id": null, "variant_id": null, "title": "Gift wrap", "quantity": 1, "price": "10.00" }
          ]
        }
        """;

    private static CheckoutMapping Map(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ShopifyCheckoutMapper.Map(document.RootElement);
    }

    [Fact]
    public void AnOpenCheckoutBecomesCheckoutStartedWithItsLinesTotalLinkBackAndVisitor()
    {
        var mapped = Map(Checkout);

        Assert.Empty(mapped.Errors);
        var started = mapped.Event!;
        Assert.Equal(TrackedEventType.CheckoutStarted, started.Type);
        Assert.Equal("shopify-checkout:123123123:" + new DateTimeOffset(2026, 3, 7, 18, 20, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), started.EventId);
        Assert.Equal("lena@example.de", started.Email);
        Assert.Equal("visitor-9", started.AnonymousId);
        Assert.Equal([("632910392", 79.00m), ("Gift wrap", 10.00m)], started.Lines.Select(line => (line.ProductId, line.UnitPrice ?? 0)));
        Assert.Equal((89.00m, "EUR", false), (started.Value!.Value, started.Currency, started.AcceptsMarketing!.Value));
        Assert.Equal("https://shop.example.com/1234/checkouts/123123123/recover?key=example-secret-token", started.CheckoutUrl!.ToString());
    }

    [Fact]
    public void ACompletedCheckoutOrOneWithoutAnAddressIsNothingToActOn()
    {
        var completed = Map(Checkout.Replace("\"completed_at\": null", "\"completed_at\": \"2026-03-07T19:30:00+01:00\"", StringComparison.Ordinal));
        var anonymous = Map(Checkout.Replace("lena@example.de", string.Empty, StringComparison.Ordinal));

        Assert.Null(completed.Event);
        Assert.Contains("completed", completed.Ignored, StringComparison.Ordinal);
        Assert.Null(anonymous.Event);
        Assert.Contains("no e-mail address", anonymous.Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheSnippetsAttributeTheVisitorIsTheShopifyCart()
    {
        var mapped = Map(Checkout.Replace("eccrm_anonymous_id", "other", StringComparison.Ordinal));

        Assert.Equal("shopify-cart:eeafa272cebfd4b22385bc4b645e762c", mapped.Event!.AnonymousId);
    }

    [Fact]
    public void AMissingTokenIsRefusedWithItsPath()
    {
        var mapped = Map(Checkout.Replace("\"token\": \"123123123\",", string.Empty, StringComparison.Ordinal));

        Assert.Equal("$.token", Assert.Single(mapped.Errors).Path);
    }
}
