using System.Globalization;
using System.Text.Json;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>Reads a customer timeline file for <c>eccrm journeys simulate --customer</c>, reporting mistakes with JSON paths.</summary>
public static class CustomerTimelineParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly Dictionary<string, EmailEventKind> Kinds = new(StringComparer.Ordinal)
    {
        ["delivered"] = EmailEventKind.Delivered,
        ["opened"] = EmailEventKind.Opened,
        ["clicked"] = EmailEventKind.Clicked,
        ["bounced"] = EmailEventKind.Bounced,
        ["unsubscribed"] = EmailEventKind.Unsubscribed,
    };

    public static TimelineReadResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return new TimelineReadResult(null, [new JourneyError("$", $"The file is not valid JSON at line {(exception.LineNumber ?? 0) + 1}.")]);
        }

        using (document)
        {
            var errors = new List<JourneyError>();
            var timeline = Read(JsonSpot.Root(document.RootElement, errors));
            return new TimelineReadResult(errors.Count == 0 ? timeline : null, errors);
        }
    }

    private static CustomerTimeline? Read(JsonSpot root)
    {
        if (!root.Object("a timeline is a JSON object", "$schema", "description", "customer", "shopTimeZone", "simulate", "orders", "emailEvents", "otherSends"))
        {
            return null;
        }

        var customerSpot = root["customer"];
        if (!customerSpot.Object("who the customer is, such as { \"email\": \"ana@example.com\", \"timeZone\": \"Europe/Berlin\", \"acceptsMarketing\": true }",
            "email", "firstName", "lastName", "timeZone", "countryCode", "locale", "acceptsMarketing", "suppressed", "tags", "attributes"))
        {
            return null;
        }

        var email = customerSpot["email"].String("the customer's e-mail address");
        var zone = Zone(customerSpot["timeZone"]);
        var customer = new OrderCustomer
        {
            Email = email,
            FirstName = customerSpot["firstName"].String(null),
            LastName = customerSpot["lastName"].String(null),
            TimeZone = zone,
            CountryCode = customerSpot["countryCode"].String(null),
            Locale = customerSpot["locale"].String(null),
            AcceptsMarketing = customerSpot.Has("acceptsMarketing") ? customerSpot["acceptsMarketing"].Bool() : null,
        };
        var suppressed = customerSpot.Has("suppressed") && customerSpot["suppressed"].Bool() == true;
        var tags = customerSpot["tags"].Array(null).Select(tag => tag.String(null)).OfType<string>().ToList();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (customerSpot["attributes"].Object(null, [.. AttributeNames(customerSpot["attributes"])]))
        {
            foreach (var name in AttributeNames(customerSpot["attributes"]))
            {
                if (customerSpot["attributes"][name].String(null) is { } value)
                {
                    attributes[name] = value;
                }
            }
        }

        var shopZone = root.Has("shopTimeZone") ? Zone(root["shopTimeZone"]) : "UTC";
        var simulate = root["simulate"];
        DateTimeOffset? from = null;
        var days = 90;
        if (simulate.Object("the period to simulate, such as { \"from\": \"2026-03-01T00:00:00Z\", \"days\": 90 }", "from", "days"))
        {
            from = Timestamp(simulate["from"], "when the simulation starts");
            days = simulate.Has("days") ? simulate["days"].Int(null, 1, 730) ?? 90 : 90;
        }

        var orders = root["orders"].Array(null).Select(order => ReadOrder(order, customer)).OfType<OrderRecord>().ToList();
        var events = root["emailEvents"].Array(null).Select(ReadEmailEvent).OfType<TimelineEmailEvent>().ToList();
        var otherSends = root["otherSends"].Array(null).Select(sent => Timestamp(sent, null)).OfType<DateTimeOffset>().ToList();
        if (email is null || from is null || shopZone is null)
        {
            return null;
        }

        var key = CustomerKey.FromEmail(email);
        var profile = CustomerProfile.Empty(key) with
        {
            Email = email,
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            TimeZone = zone,
            TimeZoneSource = zone is null ? TimeZoneSource.Unknown : TimeZoneSource.Reported,
            CountryCode = customer.CountryCode,
            Locale = customer.Locale,
            AcceptsMarketing = customer.AcceptsMarketing,
            Tags = tags,
            Attributes = attributes,
        };
        return new CustomerTimeline
        {
            Customer = profile,
            Orders = [.. orders.OrderBy(order => order.PlacedAt)],
            EmailEvents = events,
            OtherSends = otherSends,
            Suppressed = suppressed,
            ShopTimeZone = shopZone,
            From = from.Value,
            Days = days,
        };
    }

    private static OrderRecord? ReadOrder(JsonSpot order, OrderCustomer customer)
    {
        if (!order.Object(null, "id", "placedAt", "total", "status", "lines"))
        {
            return null;
        }

        var id = order["id"].String("the order id");
        var placedAt = Timestamp(order["placedAt"], "when the order was placed");
        var total = order["total"].Decimal("the order total in the shop currency", 0m, 10_000_000m);
        var status = order.Has("status") ? order["status"].Choice(null, new Dictionary<string, OrderStatus>(StringComparer.Ordinal)
        {
            ["placed"] = OrderStatus.Placed, ["paid"] = OrderStatus.Paid, ["cancelled"] = OrderStatus.Cancelled, ["refunded"] = OrderStatus.Refunded,
        }) : OrderStatus.Paid;
        var lines = order["lines"].Array(null).Select(ReadLine).OfType<OrderLine>().ToList();
        return id is null || placedAt is null || total is null || status is null
            ? null
            : new OrderRecord
            {
                Source = OrderSource.Generic,
                OrderId = id,
                Status = status.Value,
                PlacedAt = placedAt.Value,
                UpdatedAt = placedAt.Value,
                Currency = "EUR",
                Total = total.Value,
                Customer = customer,
                Lines = lines,
            };
    }

    private static OrderLine? ReadLine(JsonSpot line)
    {
        if (!line.Object(null, "productId", "title", "categories", "quantity", "unitPrice"))
        {
            return null;
        }

        var productId = line["productId"].String("the product id");
        var title = line.Has("title") ? line["title"].String(null) : productId;
        var categories = line["categories"].Array(null).Select(category => category.String(null)).OfType<string>().ToList();
        var quantity = line.Has("quantity") ? line["quantity"].Int(null, 1, 10_000) : 1;
        var price = line.Has("unitPrice") ? line["unitPrice"].Decimal(null, 0m, 1_000_000m) : 0m;
        return productId is null || title is null || quantity is null || price is null
            ? null
            : new OrderLine { ProductId = productId, Title = title, Categories = categories, Quantity = quantity.Value, UnitPrice = price.Value };
    }

    private static TimelineEmailEvent? ReadEmailEvent(JsonSpot spot)
    {
        if (!spot.Object(null, "event", "template", "after", "at"))
        {
            return null;
        }

        var kind = spot["event"].Choice("one of delivered, opened, clicked, bounced, unsubscribed", Kinds);
        var template = spot["template"].String(null, JourneyParser.TemplatePattern(), "a template id");
        JourneyDuration? after = null;
        if (spot.Has("after"))
        {
            var text = spot["after"].String(null);
            if (JourneyDuration.TryParse(text, out var parsed) && !parsed.Negative)
            {
                after = parsed;
            }
            else if (text is not null)
            {
                spot["after"].Fail($"\"after\" must be a duration such as \"2h\" or \"1d\", not \"{text}\".");
            }
        }

        var at = spot.Has("at") ? Timestamp(spot["at"], null) : null;
        if (spot.Has("after") == spot.Has("at"))
        {
            spot.Fail("An e-mail event needs exactly one of \"after\" (after each send of its template) and \"at\" (a moment).");
            return null;
        }

        if (spot.Has("after") && template is null)
        {
            spot.Fail("An e-mail event with \"after\" names the \"template\" whose sends it follows.");
            return null;
        }

        return kind is null || (after is null && at is null) ? null : new TimelineEmailEvent(kind.Value, template, after, at);
    }

    private static string? Zone(JsonSpot spot)
    {
        var zone = spot.String(null);
        if (zone is not null && !TimeZones.IsKnown(zone))
        {
            spot.Fail($"\"{zone}\" is not an IANA time zone.", "Such as \"Europe/Berlin\" or \"America/New_York\".");
            return null;
        }

        return zone;
    }

    private static DateTimeOffset? Timestamp(JsonSpot spot, string? missing)
    {
        var text = spot.String(missing);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            return value;
        }

        spot.Fail($"{spot.Name} must be an ISO 8601 timestamp with an offset, such as \"2026-03-01T09:30:00Z\", not \"{text}\".");
        return null;
    }

    private static List<string> AttributeNames(JsonSpot attributes) =>
        attributes.Kind == JsonValueKind.Object ? [.. attributes.Element.EnumerateObject().Select(property => property.Name)] : [];
}
