using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tests.Profiles;

public class CustomerKeyTests
{
    [Fact]
    public void IsTheSameForTheSameAddressWrittenDifferently() =>
        Assert.Equal(CustomerKey.FromEmail("Hana.Sato@Example.com"), CustomerKey.FromEmail("  hana.sato@example.COM "));

    [Fact]
    public void CarriesNoTraceOfTheAddress()
    {
        var key = CustomerKey.FromEmail("hana.sato@example.com").Value;

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.DoesNotContain("hana", key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FallsBackToThePlatformCustomerIdWhenAnOrderHasNoAddress()
    {
        var order = OrderBuilder.Order("1", "2026-01-01") with { Customer = new OrderCustomer { SourceCustomerId = "42" } };

        Assert.Equal(CustomerKey.FromSourceCustomer(OrderSource.Generic, "42"), CustomerKey.ForOrder(order));
        Assert.NotEqual(CustomerKey.FromSourceCustomer(OrderSource.Shopify, "42"), CustomerKey.ForOrder(order));
    }

    [Fact]
    public void IsAbsentForAnOrderThatNamesNobody() =>
        Assert.Null(CustomerKey.ForOrder(OrderBuilder.Order("1", "2026-01-01") with { Customer = OrderCustomer.Anonymous }));

    [Theory]
    [InlineData("ABCDEF0123456789abcdef0123456789")]
    [InlineData("abc")]
    [InlineData("../../etc/passwd")]
    [InlineData(null)]
    public void RefusesToParseWhatIsNotAKey(string? text) => Assert.False(CustomerKey.TryParse(text, out _));
}
