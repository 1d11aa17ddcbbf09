using EcCrm.Core.Orders;
using EcCrm.Core.Webhooks.Mapping;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Webhooks;

public class WooCommerceOrderMapperTests
{
    [Fact]
    public void ReadsARealOrderWithRefundCouponAndConsentMeta()
    {
        var order = Map(Payloads.Text(Payloads.WooCommerce));

        Assert.Equal(OrderSource.WooCommerce, order.Source);
        Assert.Equal("727", order.OrderId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(new DateTimeOffset(2026, 5, 10, 12, 15, 0, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal("JPY", order.Currency);
        Assert.Equal(6300m, order.Total);
        Assert.Equal(1500m, order.RefundedAmount);
        Assert.Equal(4800m, order.NetRevenue);
        Assert.Equal("yui.tanaka@example.jp", order.Customer.Email);
        Assert.Equal("26", order.Customer.SourceCustomerId);
        Assert.True(order.Customer.AcceptsMarketing);
        Assert.Equal(["spring500"], order.DiscountCodes);
    }

    [Fact]
    public void UsesTheSkuForAProductDeletedFromTheCatalogue()
    {
        var order = Map(Payloads.Text(Payloads.WooCommerce));

        Assert.Equal(["93", "ACC-STR"], order.Lines.Select(line => line.ProductId));
        Assert.Equal([1750m, 1500m], order.Lines.Select(line => line.UnitPrice));
    }

    [Fact]
    public void ReadsTheLocalCreationDateInTheShopTimeZoneWhenNoGmtDateIsSent()
    {
        var order = Map(Payloads.With(Payloads.WooCommerce, ("$.date_created_gmt", null), ("$.date_modified_gmt", null)));

        Assert.Equal(new DateTimeOffset(2026, 5, 10, 21, 15, 0, TimeSpan.FromHours(9)), order.PlacedAt);
    }

    [Theory]
    [InlineData("pending", OrderStatus.Placed)]
    [InlineData("on-hold", OrderStatus.Placed)]
    [InlineData("completed", OrderStatus.Paid)]
    [InlineData("failed", OrderStatus.Cancelled)]
    [InlineData("cancelled", OrderStatus.Cancelled)]
    [InlineData("refunded", OrderStatus.Refunded)]
    [InlineData("shipped", OrderStatus.Placed)]
    public void MapsEveryWooCommerceStatus(string status, OrderStatus expected) =>
        Assert.Equal(expected, Map(Payloads.With(Payloads.WooCommerce, ("$.status", status))).Status);

    [Fact]
    public void TreatsCustomerZeroAsAGuest()
    {
        var order = Map(Payloads.With(Payloads.WooCommerce, ("$.customer_id", 0)));

        Assert.Null(order.Customer.SourceCustomerId);
        Assert.Equal("yui.tanaka@example.jp", order.Customer.Email);
    }

    [Fact]
    public void ReportsAMissingTotalAndAMistypedQuantityWithTheirPaths()
    {
        var result = WooCommerceOrderMapper.Map(
            Payloads.Parse(Payloads.With(Payloads.WooCommerce, ("$.total", null), ("$.line_items[1].quantity", "one"))), "Asia/Tokyo");

        Assert.Equal(
            ["$.line_items[1].quantity: must be a number or a string holding one, not the string \"one\"", "$.total: is required"],
            result.Errors.Select(error => error.ToString()).Order(StringComparer.Ordinal));
    }

    private static OrderRecord Map(string json)
    {
        var result = WooCommerceOrderMapper.Map(System.Text.Json.JsonDocument.Parse(json).RootElement, "Asia/Tokyo");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Order!;
    }
}
