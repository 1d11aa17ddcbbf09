using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;

namespace EcCrm.Core.Webhooks.Mapping;

/// <summary>
/// Maps a Shopify order webhook (REST payload of orders/create, orders/paid, orders/updated, orders/cancelled)
/// to the canonical order. Amounts come from the <c>shop_money</c> sets, so revenue is in the shop currency even
/// when the customer paid in another (presentment) currency.
/// </summary>
public static class ShopifyOrderMapper
{
    public static OrderMappingResult Map(JsonElement payload, string? topic = null)
    {
        var errors = new List<PayloadError>();
        var order = JsonCursor.Root(payload, errors);
        if (!order.IsObject())
        {
            return OrderMappingResult.Failed(errors);
        }

        var placedAt = order["created_at"].Timestamp(required: true);
        var currency = ShopMoney(order["total_price_set"])["currency_code"].Text() ?? order["currency"].Text(required: true);
        var totalAt = ShopMoney(order["total_price_set"])["amount"];
        var total = totalAt.HasValue ? totalAt.Number() : order["total_price"].Number(required: true);
        var currentAt = ShopMoney(order["current_total_price_set"])["amount"];
        var currentTotal = currentAt.HasValue ? currentAt.Number() : order["current_total_price"].Number();

        var record = new OrderRecord
        {
            Source = OrderSource.Shopify,
            OrderId = order["id"].Text(required: true) ?? string.Empty,
            OrderNumber = order["name"].Text() ?? order["order_number"].Text(),
            Status = Status(order, topic),
            PlacedAt = placedAt ?? default,
            UpdatedAt = order["updated_at"].Timestamp() ?? placedAt ?? default,
            Currency = OrderChecks.Currency(order["currency"], currency),
            Total = OrderChecks.NotNegative(order["total_price"], total),
            RefundedAmount = currentTotal is { } current && total is { } charged ? Math.Max(0m, charged - current) : 0m,
            Customer = Customer(order),
            Lines = [.. order["line_items"].Items().Select(Line)],
            DiscountCodes = [.. order["discount_codes"].Items().Select(code => code["code"].Text()).OfType<string>()],
        };
        return OrderMappingResult.From(record, errors);
    }

    private static OrderStatus Status(JsonCursor order, string? topic)
    {
        if (order["cancelled_at"].HasValue || topic == "orders/cancelled")
        {
            return OrderStatus.Cancelled;
        }

        return order["financial_status"].Text() switch
        {
            "refunded" => OrderStatus.Refunded,
            "voided" => OrderStatus.Cancelled,
            "paid" or "partially_refunded" or "partially_paid" => OrderStatus.Paid,
            _ => OrderStatus.Placed,
        };
    }

    private static OrderCustomer Customer(JsonCursor order)
    {
        var customer = order["customer"];
        var billing = order["billing_address"];
        var shipping = order["shipping_address"];
        var defaultAddress = customer["default_address"];
        return new OrderCustomer
        {
            Email = order["email"].Text() ?? order["contact_email"].Text() ?? customer["email"].Text(),
            SourceCustomerId = customer["id"].Text(),
            FirstName = customer["first_name"].Text() ?? billing["first_name"].Text() ?? shipping["first_name"].Text(),
            LastName = customer["last_name"].Text() ?? billing["last_name"].Text() ?? shipping["last_name"].Text(),
            Phone = customer["phone"].Text() ?? order["phone"].Text() ?? billing["phone"].Text(),
            AcceptsMarketing = Consent(customer["email_marketing_consent"]["state"].Text())
                ?? customer["accepts_marketing"].YesNo()
                ?? order["buyer_accepts_marketing"].YesNo(),
            ConsentUpdatedAt = customer["email_marketing_consent"]["state"].HasValue
                ? customer["email_marketing_consent"]["consent_updated_at"].Timestamp()
                : customer["accepts_marketing"].HasValue ? customer["accepts_marketing_updated_at"].Timestamp() : null,
            ConsentEvidence = ConsentFields.Of(
                customer["email_marketing_consent"]["state"],
                customer["email_marketing_consent"]["opt_in_level"],
                customer["email_marketing_consent"]["consent_updated_at"],
                customer["accepts_marketing"],
                customer["accepts_marketing_updated_at"],
                customer["marketing_opt_in_level"],
                order["buyer_accepts_marketing"]),
            CountryCode = defaultAddress["country_code"].Text() ?? billing["country_code"].Text() ?? shipping["country_code"].Text(),
            City = defaultAddress["city"].Text() ?? billing["city"].Text() ?? shipping["city"].Text(),
            Locale = order["customer_locale"].Text(),
        };
    }

    private static bool? Consent(string? state) => state switch
    {
        "subscribed" => true,
        "not_subscribed" or "unsubscribed" or "redacted" => false,
        _ => null, // "pending" (double opt-in not confirmed) or not reported
    };

    private static OrderLine Line(JsonCursor line)
    {
        var priceAt = ShopMoney(line["price_set"])["amount"];
        var price = priceAt.HasValue ? priceAt.Number() : line["price"].Number(required: true);
        var title = line["title"].Text() ?? line["name"].Text(required: true) ?? string.Empty;
        return new OrderLine
        {
            // Custom line items have no product: the variant, the SKU or the title stands in for it.
            ProductId = line["product_id"].Text() ?? line["variant_id"].Text() ?? line["sku"].Text() ?? title,
            VariantId = line["variant_id"].Text(),
            Sku = line["sku"].Text(),
            Title = title,
            Categories = line["product_type"].Text() is { } type ? [type] : [],
            Quantity = OrderChecks.Quantity(line["quantity"], line["quantity"].WholeNumber(required: true)),
            UnitPrice = OrderChecks.NotNegative(line["price"], price),
        };
    }

    private static JsonCursor ShopMoney(JsonCursor set) => set["shop_money"];
}
