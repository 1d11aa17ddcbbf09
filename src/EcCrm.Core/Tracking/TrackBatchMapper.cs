using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tracking;

/// <summary>
/// Reads the body of <c>POST /api/events</c> (docs/tracking.md): <c>{ "events": [ … ] }</c>, a bare array, or one event.
/// Being ours, it is read strictly, and every mistake comes back with its JSON path; one bad event refuses the batch, so a
/// sender never has to work out which half was taken.
/// </summary>
public static class TrackBatchMapper
{
    public const int MaxIdLength = 200;

    private static readonly Dictionary<string, TrackedEventType> Types = new(StringComparer.Ordinal)
    {
        ["product_viewed"] = TrackedEventType.ProductViewed,
        ["added_to_cart"] = TrackedEventType.AddedToCart,
        ["checkout_started"] = TrackedEventType.CheckoutStarted,
        ["searched"] = TrackedEventType.Searched,
    };

    /// <summary>The name of an event type in the track API: <c>product_viewed</c> ….</summary>
    public static string Name(TrackedEventType type) => Types.First(pair => pair.Value == type).Key;

    public static (IReadOnlyList<TrackedEvent> Events, IReadOnlyList<PayloadError> Errors) Map(JsonElement payload, int maxBatch)
    {
        var errors = new List<PayloadError>();
        var root = JsonCursor.Root(payload, errors);
        IEnumerable<JsonCursor> items = root.Kind switch
        {
            JsonValueKind.Array => root.Items(),
            JsonValueKind.Object when root["events"].HasValue => root["events"].Kind == JsonValueKind.Array ? root["events"].Items() : Fail(root["events"], "must be an array of events"),
            JsonValueKind.Object => [root],
            _ => Fail(root, "must be an event, an array of events, or { \"events\": [ … ] }"),
        };
        var events = items.Select(Event).OfType<TrackedEvent>().ToList();
        if (errors.Count == 0 && events.Count == 0)
        {
            errors.Add(new PayloadError(root["events"].HasValue ? root["events"].Path : "$", "holds no event"));
        }

        if (events.Count > maxBatch)
        {
            errors.Add(new PayloadError(root["events"].HasValue ? root["events"].Path : "$", $"holds {events.Count} events; send at most {maxBatch} in one request"));
        }

        return errors.Count == 0 ? (events, errors) : ([], errors);
    }

    private static IEnumerable<JsonCursor> Fail(JsonCursor at, string message)
    {
        at.Fail(message);
        return [];
    }

    private static TrackedEvent? Event(JsonCursor item)
    {
        if (!item.IsObject())
        {
            return null;
        }

        var id = item["eventId"].Text(required: true);
        if (id is { Length: > MaxIdLength })
        {
            item["eventId"].Fail($"must be at most {MaxIdLength} characters");
        }

        var typeName = item["type"].Text(required: true);
        TrackedEventType? type = null;
        if (typeName is not null)
        {
            if (Types.TryGetValue(typeName, out var known))
            {
                type = known;
            }
            else
            {
                item["type"].Fail($"must be one of {string.Join(", ", Types.Keys)}, not \"{typeName}\"");
            }
        }

        var at = item["occurredAt"].Timestamp(required: true);
        var customer = item["customer"];
        string? email = null;
        if (customer.HasValue && customer.IsObject())
        {
            email = customer["email"].Text();
            if (email is not null && !EmailAddress.IsPlausible(email))
            {
                customer["email"].Fail($"must be an e-mail address, not \"{email}\"");
            }
        }

        var anonymousId = item["anonymousId"].Text();
        if (anonymousId is { Length: > MaxIdLength })
        {
            item["anonymousId"].Fail($"must be at most {MaxIdLength} characters");
        }

        if (email is null && anonymousId is null && !item["anonymousId"].HasValue && !(customer.HasValue && customer["email"].HasValue))
        {
            item.Fail("names nobody: give \"anonymousId\" (the visitor's id in the storefront), \"customer\": { \"email\": … }, or both");
        }

        var lines = item["products"].Items().Select(Line).ToList();
        if (type is TrackedEventType.ProductViewed or TrackedEventType.AddedToCart or TrackedEventType.CheckoutStarted && lines.Count == 0 && !item["products"].HasValue)
        {
            item["products"].Fail($"is required for {typeName}: the products it is about");
        }

        var query = item["query"].Text(required: type == TrackedEventType.Searched);
        var value = item["value"].Number();
        if (value < 0)
        {
            item["value"].Fail("must not be negative");
        }

        var currency = item["currency"].Text();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            item["currency"].Fail($"must be a three-letter ISO 4217 code such as EUR or JPY, not \"{currency}\"");
        }

        var checkoutUrl = Url(item["checkoutUrl"]);
        return id is null || type is null || at is null
            ? null
            : new TrackedEvent
            {
                EventId = id,
                Type = type.Value,
                OccurredAt = at.Value,
                Email = email,
                AnonymousId = anonymousId,
                FirstName = customer.HasValue ? customer["firstName"].Text() : null,
                LastName = customer.HasValue ? customer["lastName"].Text() : null,
                AcceptsMarketing = customer.HasValue ? customer["acceptsMarketing"].YesNo() : null,
                Lines = [.. lines.OfType<TrackedLine>()],
                Value = value,
                Currency = currency,
                Query = query,
                CheckoutUrl = checkoutUrl,
            };
    }

    private static TrackedLine? Line(JsonCursor line)
    {
        if (!line.IsObject())
        {
            return null;
        }

        var productId = line["productId"].Text(required: true);
        var quantity = line["quantity"].HasValue ? line["quantity"].WholeNumber() : 1;
        if (quantity is < 1)
        {
            line["quantity"].Fail($"must be at least 1, not {quantity}");
        }

        var price = line["price"].Number();
        if (price < 0)
        {
            line["price"].Fail("must not be negative");
        }

        return productId is null
            ? null
            : new TrackedLine
            {
                ProductId = productId,
                VariantId = line["variantId"].Text(),
                Title = line["title"].Text(),
                Quantity = quantity ?? 1,
                UnitPrice = price,
                Url = Url(line["url"]),
                ImageUrl = Url(line["imageUrl"]),
            };
    }

    private static Uri? Url(JsonCursor at)
    {
        var text = at.Text();
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            return url;
        }

        at.Fail($"must be an absolute http(s) URL, not \"{text}\"");
        return null;
    }
}
