using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Webhooks.Mapping;

/// <summary>
/// Maps a WooCommerce order webhook (REST API v3 order: order.created, order.updated, order.restored) to the
/// canonical order. WooCommerce reports amounts in the order currency, which is the shop currency unless a
/// multi-currency plug-in is installed.
/// </summary>
public static class WooCommerceOrderMapper
{
    /// <summary>Order meta keys that consent plug-ins are known to write (value yes/no, 1/0 or true/false).</summary>
    private static readonly HashSet<string> ConsentMetaKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "marketing_consent", "_marketing_consent", "accepts_marketing", "_accepts_marketing", "newsletter_opt_in", "_newsletter_opt_in",
    };

    /// <param name="payload">The webhook body.</param>
    /// <param name="shopTimeZone">IANA zone of the shop, to read WooCommerce's local <c>date_created</c> when the GMT one is absent.</param>
    public static OrderMappingResult Map(JsonElement payload, string shopTimeZone)
    {
        var errors = new List<PayloadError>();
        var order = JsonCursor.Root(payload, errors);
        if (!order.IsObject())
        {
            return OrderMappingResult.Failed(errors);
        }

        var placedAt = Date(order, "date_created_gmt", "date_created", shopTimeZone, required: true);
        var total = order["total"].Number(required: true);
        var refunds = order["refunds"].Items().Select(refund => refund["total"].Number() ?? 0m).Sum(Math.Abs);

        var record = new OrderRecord
        {
            Source = OrderSource.WooCommerce,
            OrderId = order["id"].Text(required: true) ?? string.Empty,
            OrderNumber = order["number"].Text(),
            Status = Status(order["status"].Text(required: true)),
            PlacedAt = placedAt ?? default,
            UpdatedAt = Date(order, "date_modified_gmt", "date_modified", shopTimeZone, required: false) ?? placedAt ?? default,
            Currency = OrderChecks.Currency(order["currency"], order["currency"].Text(required: true)),
            Total = OrderChecks.NotNegative(order["total"], total),
            RefundedAmount = refunds,
            Customer = Customer(order),
            Lines = [.. order["line_items"].Items().Select(Line)],
            DiscountCodes = [.. order["coupon_lines"].Items().Select(coupon => coupon["code"].Text()).OfType<string>()],
        };
        return OrderMappingResult.From(record, errors);
    }

    private static OrderStatus Status(string? status) => status switch
    {
        "processing" or "completed" => OrderStatus.Paid,
        "cancelled" or "failed" or "trash" or "checkout-draft" => OrderStatus.Cancelled,
        "refunded" => OrderStatus.Refunded,
        _ => OrderStatus.Placed, // pending, on-hold and statuses added by plug-ins (e.g. "shipped")
    };

    private static DateTimeOffset? Date(JsonCursor order, string gmtField, string localField, string shopTimeZone, bool required)
    {
        if (order[gmtField].HasValue)
        {
            return order[gmtField].Timestamp(assumeUtc: true);
        }

        var local = order[localField];
        var text = local.Text(required);
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return TimeZones.ToInstant(wallClock, shopTimeZone);
        }

        local.Fail($"must be a date and time such as 2026-03-01T09:30:00, not \"{text}\"");
        return null;
    }

    private static OrderCustomer Customer(JsonCursor order)
    {
        var billing = order["billing"];
        var shipping = order["shipping"];
        var customerId = order["customer_id"].Text();
        return new OrderCustomer
        {
            Email = billing["email"].Text(),
            SourceCustomerId = customerId is null or "0" ? null : customerId, // 0 is a guest checkout
            FirstName = billing["first_name"].Text() ?? shipping["first_name"].Text(),
            LastName = billing["last_name"].Text() ?? shipping["last_name"].Text(),
            Phone = billing["phone"].Text(),
            AcceptsMarketing = order["meta_data"].Items()
                .Where(meta => meta["key"].Text() is { } key && ConsentMetaKeys.Contains(key))
                .Select(meta => meta["value"].YesNo())
                .LastOrDefault(value => value is not null),
            ConsentEvidence = ConsentFields.Of([.. order["meta_data"].Items()
                .Where(meta => meta["key"].Written() is { } key && ConsentMetaKeys.Contains(key))
                .SelectMany(meta => (JsonCursor[])[meta["key"], meta["value"]])]),
            CountryCode = billing["country"].Text() ?? shipping["country"].Text(),
            City = billing["city"].Text() ?? shipping["city"].Text(),
        };
    }

    private static OrderLine Line(JsonCursor line)
    {
        var quantity = OrderChecks.Quantity(line["quantity"], line["quantity"].WholeNumber(required: true));
        var unitPrice = line["price"].HasValue
            ? line["price"].Number()
            : line["total"].Number(required: true) / Math.Max(1, quantity);
        var title = line["name"].Text(required: true) ?? string.Empty;
        var productId = line["product_id"].Text();
        return new OrderLine
        {
            // A product deleted from the catalogue is reported as product 0: the SKU or the name stands in for it.
            ProductId = productId is null or "0" ? line["sku"].Text() ?? title : productId,
            VariantId = line["variation_id"].Text() is { } variation and not "0" ? variation : null,
            Sku = line["sku"].Text(),
            Title = title,
            Quantity = quantity,
            UnitPrice = OrderChecks.NotNegative(line["price"], unitPrice),
        };
    }
}
