using EcCrm.Core.Orders;
using EcCrm.Core.Webhooks.Mapping;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Webhooks;

public class ShopifyOrderMapperTests
{
    [Fact]
    public void CountsRevenueInShopCurrencyWhenCustomerPaidInAnother()
    {
        var order = Map(Payloads.Json(Payloads.ShopifyPresentment));

        Assert.Equal("EUR", order.Currency);
        Assert.Equal(94.80m, order.Total);
        Assert.Equal(0m, order.RefundedAmount);
        Assert.Equal([59.90m, 20.00m], order.Lines.Select(line => line.UnitPrice));
    }

    [Fact]
    public void ReadsCustomerContactConsentAndProductsFromARealPayload()
    {
        var order = Map(Payloads.Json(Payloads.ShopifyPresentment));

        Assert.Equal(OrderSource.Shopify, order.Source);
        Assert.Equal("5821104390211", order.OrderId);
        Assert.Equal("#1042", order.OrderNumber);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 22, 31, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal("Hana.Sato@Example.com", order.Customer.Email);
        Assert.Equal("7390182736987", order.Customer.SourceCustomerId);
        Assert.True(order.Customer.AcceptsMarketing); // email_marketing_consent wins over buyer_accepts_marketing=false
        Assert.Equal("DE", order.Customer.CountryCode);
        Assert.Equal(["8093312110019", "8093312142787"], order.Lines.Select(line => line.ProductId));
        Assert.Equal([1, 2], order.Lines.Select(line => line.Quantity));
        Assert.Equal(["WELCOME10"], order.DiscountCodes);
    }

    [Fact]
    public void HandlesAGuestCheckoutWithoutCustomerObjectAndACustomLineItem()
    {
        var order = Map(Payloads.Json(Payloads.ShopifyGuestPending));

        Assert.Equal(OrderStatus.Placed, order.Status); // pending payment (bank transfer, cash on delivery) is still an order
        Assert.Null(order.Customer.SourceCustomerId);
        Assert.Equal("guest.buyer@example.org", order.Customer.Email);
        Assert.Equal("Ken", order.Customer.FirstName);
        Assert.True(order.Customer.AcceptsMarketing);
        Assert.Equal("JPY", order.Currency);
        Assert.Equal(4400m, order.Total);
        Assert.Equal("Gift wrapping", order.Lines[0].ProductId);
    }

    [Fact]
    public void MarksAnOrderCancelledByItsTopicOrItsCancelledAt()
    {
        var byTopic = ShopifyOrderMapper.Map(Payloads.Json(Payloads.ShopifyPresentment), "orders/cancelled").Order!;
        var byField = Map(Payloads.Parse(Payloads.With(Payloads.ShopifyPresentment, ("$.cancelled_at", "2026-03-15T08:00:00+01:00"))));

        Assert.Equal(OrderStatus.Cancelled, byTopic.Status);
        Assert.Equal(OrderStatus.Cancelled, byField.Status);
        Assert.Equal(0m, byField.NetRevenue);
    }

    [Fact]
    public void TakesPartialRefundsFromTheCurrentTotal()
    {
        var refunded = Map(Payloads.Parse(Payloads.With(
            Payloads.ShopifyPresentment,
            ("$.financial_status", "partially_refunded"),
            ("$.current_total_price_set.shop_money.amount", "54.80"))));

        Assert.Equal(OrderStatus.Paid, refunded.Status);
        Assert.Equal(40m, refunded.RefundedAmount);
        Assert.Equal(54.80m, refunded.NetRevenue);
    }

    [Fact]
    public void NamesThePathOfEveryValueItCannotRead()
    {
        var result = ShopifyOrderMapper.Map(Payloads.Parse(Payloads.With(
            Payloads.ShopifyPresentment,
            ("$.line_items[1].price_set", null),
            ("$.line_items[1].price", "twenty"),
            ("$.line_items[0].quantity", 0),
            ("$.created_at", null))));

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "$.created_at: is required",
                "$.line_items[0].quantity: must be at least 1, not 0",
                "$.line_items[1].price: must be a number or a string holding one, not the string \"twenty\"",
            ],
            result.Errors.Select(error => error.ToString()).Order(StringComparer.Ordinal));
    }

    private static OrderRecord Map(System.Text.Json.JsonElement payload)
    {
        var result = ShopifyOrderMapper.Map(payload, "orders/create");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Order!;
    }
}
