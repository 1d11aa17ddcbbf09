using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tracking;

/// <summary>
/// Maps Shopify's <c>checkouts/create</c> and <c>checkouts/update</c> webhooks (the REST checkout resource) to a
/// <see cref="TrackedEventType.CheckoutStarted"/> event: the cart's lines, its total in the shop's currency, the
/// <c>abandoned_checkout_url</c> that brings the customer back, and the buyer's marketing consent. Each version of a
/// checkout (its token and <c>updated_at</c>) is one event, so Shopify's retries of a delivery are recognised and an
/// update that changes the cart is a new event. A completed checkout (<c>completed_at</c>: the order is placed) and one
/// without an e-mail address yet say nothing to act on.
/// </summary>
public static class ShopifyCheckoutMapper
{
    /// <summary>The cart attribute the storefront snippet sets, so the checkout joins the visitor's earlier events.</summary>
    public const string AnonymousIdAttribute = "eccrm_anonymous_id";

    public static CheckoutMapping Map(JsonElement payload)
    {
        var errors = new List<PayloadError>();
        var checkout = JsonCursor.Root(payload, errors);
        if (!checkout.IsObject())
        {
            return new CheckoutMapping(null, errors, null);
        }

        var token = checkout["token"].Text(required: true);
        var createdAt = checkout["created_at"].Timestamp(required: true);
        var updatedAt = checkout["updated_at"].Timestamp() ?? createdAt;
        var currency = checkout["currency"].Text() ?? checkout["presentment_currency"].Text();
        var total = checkout["total_price"].Number();
        var lines = checkout["line_items"].Items().Select(Line).OfType<TrackedLine>().ToList();
        var customer = checkout["customer"];
        var email = checkout["email"].Text() ?? customer["email"].Text();
        var url = checkout["abandoned_checkout_url"].Text();
        if (errors.Count > 0 || token is null || updatedAt is null)
        {
            return new CheckoutMapping(null, errors, null);
        }

        if (checkout["completed_at"].HasValue)
        {
            return new CheckoutMapping(null, errors, "The checkout is completed: its order comes by the order webhooks.");
        }

        if (!EmailAddress.IsPlausible(email))
        {
            return new CheckoutMapping(null, errors, "The checkout has no e-mail address yet: nobody to write to.");
        }

        var tracked = new TrackedEvent
        {
            EventId = string.Create(CultureInfo.InvariantCulture, $"shopify-checkout:{token}:{updatedAt.Value.ToUnixTimeMilliseconds()}"),
            Type = TrackedEventType.CheckoutStarted,
            OccurredAt = updatedAt.Value,
            Email = email,
            AnonymousId = Attribute(checkout["note_attributes"], AnonymousIdAttribute) ?? (checkout["cart_token"].Text() is { } cart ? $"shopify-cart:{cart}" : null),
            FirstName = customer["first_name"].Text() ?? checkout["billing_address"]["first_name"].Text(),
            LastName = customer["last_name"].Text() ?? checkout["billing_address"]["last_name"].Text(),
            AcceptsMarketing = checkout["buyer_accepts_marketing"].YesNo(),
            Lines = lines,
            Value = total,
            Currency = currency,
            CheckoutUrl = Uri.TryCreate(url, UriKind.Absolute, out var back) ? back : null,
        };
        return new CheckoutMapping(tracked, errors, null);
    }

    private static TrackedLine? Line(JsonCursor line)
    {
        if (!line.IsObject())
        {
            return null;
        }

        var title = line["title"].Text() ?? line["presentment_title"].Text();
        var productId = line["product_id"].Text() ?? line["variant_id"].Text() ?? line["sku"].Text() ?? title;
        if (productId is null)
        {
            line.Fail("names no product: it has no product_id, variant_id, sku or title");
            return null;
        }

        return new TrackedLine
        {
            ProductId = productId,
            VariantId = line["variant_id"].Text(),
            Title = title,
            Quantity = Math.Max(1, line["quantity"].WholeNumber() ?? 1),
            UnitPrice = line["price"].Number(),
        };
    }

    private static string? Attribute(JsonCursor attributes, string name)
    {
        foreach (var attribute in attributes.Items())
        {
            if (attribute["name"].Text() == name)
            {
                return attribute["value"].Text();
            }
        }

        return null;
    }
}
