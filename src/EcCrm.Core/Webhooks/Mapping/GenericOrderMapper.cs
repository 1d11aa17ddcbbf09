using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Webhooks.Mapping;

/// <summary>
/// Maps EcCrm's own order format (docs/webhooks.md) to the canonical order. Being ours, it is read strictly:
/// unlike the platform payloads, an implausible e-mail address or an unknown time zone is an error.
/// </summary>
public static class GenericOrderMapper
{
    public static OrderMappingResult Map(JsonElement payload)
    {
        var errors = new List<PayloadError>();
        var order = JsonCursor.Root(payload, errors);
        if (!order.IsObject())
        {
            return OrderMappingResult.Failed(errors);
        }

        var placedAt = order["placedAt"].Timestamp(required: true);
        var record = new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = order["orderId"].Text(required: true) ?? string.Empty,
            OrderNumber = order["orderNumber"].Text(),
            Status = Status(order["status"]),
            PlacedAt = placedAt ?? default,
            UpdatedAt = order["updatedAt"].Timestamp() ?? placedAt ?? default,
            Currency = OrderChecks.Currency(order["currency"], order["currency"].Text(required: true)),
            Total = OrderChecks.NotNegative(order["total"], order["total"].Number(required: true)),
            RefundedAmount = OrderChecks.NotNegative(order["refundedAmount"], order["refundedAmount"].Number()),
            Customer = Customer(order["customer"]),
            Lines = [.. order["lines"].Items().Select(Line)],
            DiscountCodes = [.. order["discountCodes"].Items().Select(code => code.Text()).OfType<string>()],
        };
        return OrderMappingResult.From(record, errors);
    }

    private static OrderStatus Status(JsonCursor status)
    {
        var text = status.Text(required: true);
        if (text is not null && Enum.TryParse<OrderStatus>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _))
        {
            return parsed;
        }

        if (text is not null)
        {
            status.Fail($"must be one of placed, paid, cancelled, refunded, not \"{text}\"");
        }

        return OrderStatus.Placed;
    }

    private static OrderCustomer Customer(JsonCursor customer)
    {
        if (!customer.HasValue || !customer.IsObject())
        {
            return OrderCustomer.Anonymous;
        }

        var email = customer["email"].Text();
        if (email is not null && !EmailAddress.IsPlausible(email))
        {
            customer["email"].Fail($"must be an e-mail address, not \"{email}\"");
        }

        var timeZone = customer["timeZone"].Text();
        if (timeZone is not null && !TimeZones.IsKnown(timeZone))
        {
            customer["timeZone"].Fail($"must be an IANA time zone such as Asia/Tokyo or Europe/Berlin, not \"{timeZone}\"");
        }

        var countryCode = customer["countryCode"].Text();
        if (countryCode is not null && (countryCode.Length != 2 || !countryCode.All(char.IsAsciiLetter)))
        {
            customer["countryCode"].Fail($"must be a two-letter ISO 3166 country code such as JP, not \"{countryCode}\"");
        }

        return new OrderCustomer
        {
            Email = email,
            SourceCustomerId = customer["id"].Text(),
            FirstName = customer["firstName"].Text(),
            LastName = customer["lastName"].Text(),
            Phone = customer["phone"].Text(),
            AcceptsMarketing = customer["acceptsMarketing"].YesNo(),
            ConsentUpdatedAt = customer["acceptsMarketing"].HasValue ? customer["acceptsMarketingUpdatedAt"].Timestamp() : null,
            ConsentEvidence = ConsentFields.Of(customer["acceptsMarketing"], customer["acceptsMarketingUpdatedAt"]),
            TimeZone = timeZone,
            CountryCode = countryCode?.ToUpperInvariant(),
            City = customer["city"].Text(),
            Locale = customer["locale"].Text(),
        };
    }

    private static OrderLine Line(JsonCursor line) => new()
    {
        ProductId = line["productId"].Text(required: true) ?? string.Empty,
        VariantId = line["variantId"].Text(),
        Sku = line["sku"].Text(),
        Title = line["title"].Text(required: true) ?? string.Empty,
        Categories = [.. line["categories"].Items().Select(category => category.Text()).OfType<string>()],
        Quantity = OrderChecks.Quantity(line["quantity"], line["quantity"].WholeNumber(required: true)),
        UnitPrice = OrderChecks.NotNegative(line["unitPrice"], line["unitPrice"].Number(required: true)),
    };
}
