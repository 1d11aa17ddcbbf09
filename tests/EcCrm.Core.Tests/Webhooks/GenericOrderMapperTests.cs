using System.Text.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Webhooks.Mapping;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Webhooks;

public class GenericOrderMapperTests
{
    [Fact]
    public void ReadsTheDocumentedFormat()
    {
        var result = GenericOrderMapper.Map(Payloads.Json(Payloads.Generic));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var order = result.Order!;
        Assert.Equal(OrderSource.Generic, order.Source);
        Assert.Equal("A-20260601-0007", order.OrderId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(order.PlacedAt, order.UpdatedAt);
        Assert.Equal(12800m, order.Total);
        Assert.Equal("Asia/Tokyo", order.Customer.TimeZone);
        Assert.Equal(["coffee", "single-origin"], order.Lines[0].Categories);
        Assert.Equal(2400m, order.Lines[0].UnitPrice);
    }

    [Fact]
    public void AcceptsAnOrderWithoutCustomer()
    {
        var result = GenericOrderMapper.Map(Payloads.Parse(Payloads.With(Payloads.Generic, ("$.customer", null))));

        Assert.True(result.Succeeded);
        Assert.Null(result.Order!.Customer.Email);
    }

    [Theory]
    [InlineData("$.orderId", null, "$.orderId", "is required")]
    [InlineData("$.status", "shipped", "$.status", "must be one of placed, paid, cancelled, refunded, not \"shipped\"")]
    [InlineData("$.placedAt", "2026-06-01 19:45", "$.placedAt", "must be an ISO 8601 timestamp with a time zone offset, such as 2026-03-01T09:30:00+09:00, not \"2026-06-01 19:45\"")]
    [InlineData("$.currency", "YEN", "$.currency", "must be a three-letter ISO 4217 currency code such as JPY or EUR, not \"YEN\"")]
    [InlineData("$.total", -1, "$.total", "must not be negative")]
    [InlineData("$.customer.email", "riko-at-example", "$.customer.email", "must be an e-mail address, not \"riko-at-example\"")]
    [InlineData("$.customer.timeZone", "Tokyo", "$.customer.timeZone", "must be an IANA time zone such as Asia/Tokyo or Europe/Berlin, not \"Tokyo\"")]
    [InlineData("$.lines[1].quantity", 0, "$.lines[1].quantity", "must be at least 1, not 0")]
    [InlineData("$.lines[0].title", null, "$.lines[0].title", "is required")]
    [InlineData("$.customer.acceptsMarketing", "perhaps", "$.customer.acceptsMarketing", "must be true or false, not \"perhaps\"")]
    public void RejectsEachMistakeWithItsPathAndASentence(string field, object? value, string path, string message)
    {
        var result = GenericOrderMapper.Map(Payloads.Parse(Payloads.With(Payloads.Generic, (field, value))));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void RejectsADocumentThatIsNotAnObject()
    {
        var result = GenericOrderMapper.Map(JsonDocument.Parse("[1,2]").RootElement);

        Assert.Equal("$: must be an object, not an array", Assert.Single(result.Errors).ToString());
    }
}
