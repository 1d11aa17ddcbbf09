using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>Reads a customer timeline file for <c>eccrm journeys simulate --customer</c>, reporting mistakes with JSON paths.</summary>
public static partial class CustomerTimelineParser
{
    private static readonly Dictionary<string, TrackedEventType> TrackedTypes =
        Enum.GetValues<TrackedEventType>().ToDictionary(JourneyEventTypes.Name, StringComparer.Ordinal);

    /// <summary>The most copies of one input a timeline may ask for.</summary>
    public const int MaxCopies = 10;

    /// <summary>A simulated customer lives in memory only: their key needs to be stable, not secret.</summary>
    private static readonly CustomerKeyDerivation SimulationKeys = CustomerKeyDerivation.Keyed("eccrm-simulation-keys-are-not-stored-anywhere");

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly Dictionary<string, EmailEventKind> Kinds = new(StringComparer.Ordinal)
    {
        ["delivered"] = EmailEventKind.Delivered,
        ["opened"] = EmailEventKind.Opened,
        ["clicked"] = EmailEventKind.Clicked,
        ["bounced"] = EmailEventKind.Bounced,
        ["unsubscribed"] = EmailEventKind.Unsubscribed,
    };

    /// <param name="json">The timeline file.</param>
    /// <param name="shopCurrency">The shop's currency (<c>Shop:Currency</c>), for orders that name none.</param>
    public static TimelineReadResult Parse(string json, string? shopCurrency = null)
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
            var timeline = Read(JsonSpot.Root(document.RootElement, errors), shopCurrency);
            return new TimelineReadResult(errors.Count == 0 ? timeline : null, errors);
        }
    }

    private static CustomerTimeline? Read(JsonSpot root, string? shopCurrency)
    {
        if (!root.Object("a timeline is a JSON object", "$schema", "description", "customer", "shopTimeZone", "simulate", "orders", "events", "emailEvents", "surveyAnswers", "otherSends", "inject"))
        {
            return null;
        }

        if (root.Has("shopTimeZone"))
        {
            root["shopTimeZone"].Fail(
                "The shop's time zone is a setting of the shop (Shop__TimeZone), read from the environment as the Server reads it, not part of a customer's timeline.",
                "Remove it, and run with the shop's settings, such as Shop__TimeZone=Europe/Berlin.");
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

        var simulate = root["simulate"];
        DateTimeOffset? from = null;
        var days = 90;
        if (simulate.Object("the period to simulate, such as { \"from\": \"2026-03-01T00:00:00Z\", \"days\": 90 }", "from", "days"))
        {
            from = Timestamp(simulate["from"], "when the simulation starts");
            days = simulate.Has("days") ? simulate["days"].Int(null, 1, 730) ?? 90 : 90;
        }

        var orders = root["orders"].Array(null).Select(order => ReadOrder(order, customer, shopCurrency)).OfType<OrderRecord>().ToList();
        var events = root["emailEvents"].Array(null).Select(ReadEmailEvent).OfType<TimelineEmailEvent>().ToList();
        var tracked = root["events"].Array(null).Select((spot, index) => ReadTrackedEvent(spot, index, email)).OfType<TrackedEvent>().ToList();
        var answers = root["surveyAnswers"].Array(null).Select(ReadSurveyAnswer).OfType<TimelineSurveyAnswer>().ToList();
        var otherSends = root["otherSends"].Array(null).Select(sent => Timestamp(sent, null)).OfType<DateTimeOffset>().ToList();
        var orderIds = orders.Select(order => order.OrderId).ToHashSet(StringComparer.Ordinal);
        var injections = root["inject"].Array(null).Select(spot => ReadInjection(spot, orderIds)).OfType<TimelineInjection>().ToList();
        if (email is null || from is null)
        {
            return null;
        }

        var key = SimulationKeys.ForEmail(email);
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
            SurveyAnswers = answers,
            Events = [.. tracked.OrderBy(e => e.OccurredAt)],
            OtherSends = otherSends,
            Suppressed = suppressed,
            Injections = injections,
            From = from.Value,
            Days = days,
        };
    }

    private static OrderRecord? ReadOrder(JsonSpot order, OrderCustomer customer, string? shopCurrency)
    {
        if (!order.Object(null, "id", "placedAt", "total", "currency", "status", "lines"))
        {
            return null;
        }

        var id = order["id"].String("the order id");
        var placedAt = Timestamp(order["placedAt"], "when the order was placed");
        var total = order["total"].Decimal("the order total", 0m, 10_000_000m);
        var currency = order.Has("currency") ? order["currency"].String(null, CurrencyPattern(), "a three-letter ISO 4217 code such as EUR or JPY") : shopCurrency;
        if (!order.Has("currency") && shopCurrency is null)
        {
            order.Fail(
                "The order's currency is unknown: it names none, and the shop's currency (Shop__Currency) is not set.",
                "Add \"currency\": \"EUR\" to the order, or set Shop__Currency.");
        }
        var status = order.Has("status") ? order["status"].Choice(null, new Dictionary<string, OrderStatus>(StringComparer.Ordinal)
        {
            ["placed"] = OrderStatus.Placed, ["paid"] = OrderStatus.Paid, ["cancelled"] = OrderStatus.Cancelled, ["refunded"] = OrderStatus.Refunded,
        }) : OrderStatus.Paid;
        var lines = order["lines"].Array(null).Select(ReadLine).OfType<OrderLine>().ToList();
        return id is null || placedAt is null || total is null || status is null || currency is null
            ? null
            : new OrderRecord
            {
                Source = OrderSource.Generic,
                OrderId = id,
                Status = status.Value,
                PlacedAt = placedAt.Value,
                UpdatedAt = placedAt.Value,
                Currency = currency,
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

    /// <summary>A shop event of the customer's: <c>{ "event": "checkoutStarted", "at": …, "value": 84, "lines": [ … ] }</c>.</summary>
    private static TrackedEvent? ReadTrackedEvent(JsonSpot spot, int index, string? email)
    {
        if (!spot.Object(null, "id", "event", "at", "value", "currency", "lines", "query", "checkoutUrl"))
        {
            return null;
        }

        var id = spot.Has("id") ? spot["id"].String(null) : string.Create(CultureInfo.InvariantCulture, $"event-{index + 1}");
        var type = spot["event"].Choice("one of productViewed, addedToCart, checkoutStarted, searched", TrackedTypes);
        var at = Timestamp(spot["at"], "when it happened");
        var value = spot.Has("value") ? spot["value"].Decimal(null, 0m, 10_000_000m) : null;
        var currency = spot.Has("currency") ? spot["currency"].String(null, CurrencyPattern(), "a three-letter ISO 4217 code such as EUR or JPY") : null;
        var lines = spot["lines"].Array(null).Select(ReadLine).OfType<OrderLine>()
            .Select(line => new TrackedLine { ProductId = line.ProductId, Title = line.Title, Quantity = line.Quantity, UnitPrice = line.UnitPrice }).ToList();
        var url = spot.Has("checkoutUrl") ? spot["checkoutUrl"].String(null) : null;
        Uri? checkoutUrl = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out checkoutUrl))
        {
            spot["checkoutUrl"].Fail($"\"checkoutUrl\" must be an absolute URL, not \"{url}\".");
        }

        return id is null || type is null || at is null || (spot.Has("value") && value is null)
            ? null
            : new TrackedEvent
            {
                EventId = id,
                Type = type.Value,
                OccurredAt = at.Value,
                Email = email,
                Value = value,
                Currency = currency,
                Lines = lines,
                Query = spot.Has("query") ? spot["query"].String(null) : null,
                CheckoutUrl = checkoutUrl,
            };
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

    /// <summary>An answer to a survey step's e-mails: <c>{ "survey": "ask", "answer": "3", "after": "2h" }</c>.</summary>
    private static TimelineSurveyAnswer? ReadSurveyAnswer(JsonSpot spot)
    {
        if (!spot.Object(null, "survey", "answer", "after"))
        {
            return null;
        }

        var survey = spot["survey"].String("the id of the survey step answered", JourneyParser.IdPattern(), "a node id");
        var answer = spot["answer"].String("the answer: a score from \"0\" to \"10\", or a choice id");
        var text = spot["after"].String("how long after each e-mail of the survey step the customer answers, such as \"2h\"");
        var after = default(JourneyDuration);
        if (text is not null && (!JourneyDuration.TryParse(text, out after) || after.Negative))
        {
            spot["after"].Fail($"\"after\" must be a duration such as \"2h\" or \"1d\", not \"{text}\".");
            return null;
        }

        return survey is null || answer is null || text is null ? null : new TimelineSurveyAnswer(survey, answer, after);
    }

    private static TimelineInjection? ReadInjection(JsonSpot spot, HashSet<string> orderIds)
    {
        if (!spot.Object("an input delivered twice or late, such as { \"timer\": \"wait-1\", \"copies\": 2 } or { \"order\": \"1187\", \"late\": \"3d\" }", "timer", "order", "journey", "copies", "late"))
        {
            return null;
        }

        if (spot.Has("timer") == spot.Has("order") || spot.Has("copies") == spot.Has("late"))
        {
            spot.Fail(
                "An injected input names exactly one of \"timer\" (a node whose wait ends by a timer) and \"order\" (an order id), and exactly one of \"copies\" (delivered that many times) and \"late\" (delivered that long after its time).",
                "Such as { \"timer\": \"wait-1\", \"copies\": 2 } or { \"order\": \"1187\", \"late\": \"3d\" }.");
            return null;
        }

        if (spot.Has("order") && spot.Has("journey"))
        {
            spot["journey"].Fail("An order reaches every journey; \"journey\" only narrows a timer to one journey's node.", "Remove \"journey\".");
            return null;
        }

        var copies = spot.Has("copies") ? spot["copies"].Int(null, 2, MaxCopies) : null;
        JourneyDuration? late = null;
        if (spot.Has("late"))
        {
            var text = spot["late"].String(null);
            if (JourneyDuration.TryParse(text, out var parsed) && !parsed.Negative && !parsed.IsZero)
            {
                late = parsed;
            }
            else if (text is not null)
            {
                spot["late"].Fail($"\"late\" must be a duration such as \"30m\" or \"3d\", not \"{text}\".");
            }
        }

        if (spot.Has("order"))
        {
            var orderId = spot["order"].String(null);
            if (orderId is not null && !orderIds.Contains(orderId))
            {
                spot["order"].Fail($"No order \"{orderId}\" in the timeline's orders.", Suggestions.DidYouMean(orderId, [.. orderIds], string.Empty) is { Length: > 0 } fix ? fix : null);
                return null;
            }

            return orderId is null ? null
                : copies is { } orderCopies ? new TimelineInjection.OrderCopies(orderId, orderCopies)
                : late is { } orderLate ? new TimelineInjection.LateOrder(orderId, orderLate)
                : null;
        }

        var node = spot["timer"].String(null, JourneyParser.IdPattern(), "a node id");
        var journey = spot.Has("journey") ? spot["journey"].String(null, JourneyParser.IdPattern(), "a journey id") : null;
        return node is null ? null
            : copies is { } timerCopies ? new TimelineInjection.TimerCopies(node, timerCopies, journey)
            : late is { } timerLate ? new TimelineInjection.LateTimer(node, timerLate, journey)
            : null;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

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
