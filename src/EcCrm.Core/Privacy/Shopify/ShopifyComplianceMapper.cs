using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy.Shopify;

/// <summary>
/// Reads Shopify's compliance payloads. <c>customers/data_request</c>:
/// <c>{"shop_id", "shop_domain", "orders_requested": [ids], "customer": {"id", "email", "phone"}, "data_request": {"id"}}</c>;
/// <c>customers/redact</c>: <c>{"shop_id", "shop_domain", "customer": {"id", "email", "phone"}, "orders_to_redact": [ids]}</c>;
/// <c>shop/redact</c>: <c>{"shop_id", "shop_domain"}</c>. Every problem is reported at its JSON path.
/// </summary>
public static class ShopifyComplianceMapper
{
    public static ShopifyComplianceMapping Map(JsonElement payload, string topic)
    {
        var errors = new List<PayloadError>();
        var root = JsonCursor.Root(payload, errors);
        if (!root.IsObject())
        {
            return new(null, errors);
        }

        var shopDomain = root["shop_domain"].Text(required: true);
        var shopId = root["shop_id"].Text();
        string? customerId = null, email = null, dataRequestId = null;
        IReadOnlyList<string> orderIds = [];
        if (topic != ShopifyComplianceTopics.ShopRedact)
        {
            var customer = root["customer"];
            if (customer.IsObject())
            {
                customerId = customer["id"].Text();
                email = customer["email"].Text();
                if (email is not null && !EmailAddress.IsPlausible(email))
                {
                    customer["email"].Fail("is not an e-mail address");
                    email = null;
                }

                if (customerId is null && email is null && !errors.Any(error => error.Path.StartsWith(customer.Path, StringComparison.Ordinal)))
                {
                    customer.Fail("must name the customer by \"id\" or \"email\"");
                }
            }

            var orders = root[topic == ShopifyComplianceTopics.CustomersRedact ? "orders_to_redact" : "orders_requested"];
            orderIds = [.. orders.Items().Select(order => order.Text(required: true)).OfType<string>()];
            dataRequestId = topic == ShopifyComplianceTopics.CustomersDataRequest ? root["data_request"]["id"].Text() : null;
        }

        return errors.Count > 0 || shopDomain is null
            ? new(null, errors)
            : new(new ShopifyComplianceRequest(topic, shopDomain, shopId, customerId, email, orderIds, dataRequestId), errors);
    }
}
