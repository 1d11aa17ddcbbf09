using System.Text.Json;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Tests.Tracking;

public class TrackBatchMapperTests
{
    private static (IReadOnlyList<TrackedEvent> Events, IReadOnlyList<Json.PayloadError> Errors) Map(string json, int maxBatch = 100)
    {
        using var document = JsonDocument.Parse(json);
        return TrackBatchMapper.Map(document.RootElement, maxBatch);
    }

    private const string View = """{ "eventId": "v-1", "type": "product_viewed", "occurredAt": "2026-03-07T19:20:00+01:00", "anonymousId": "visitor-1", "products": [{ "productId": "kettle", "price": "12.50", "quantity": 2 }] }""";

    [Fact]
    public void ReadsOneEventABareArrayOrAnEventsObjectAlike()
    {
        Assert.Single(Map(View).Events);
        Assert.Single(Map($"[{View}]").Events);
        var (events, errors) = Map($$"""{ "events": [{{View}}] }""");

        Assert.Empty(errors);
        var viewed = Assert.Single(events);
        Assert.Equal((TrackedEventType.ProductViewed, "visitor-1", null), (viewed.Type, viewed.AnonymousId, viewed.Email));
        Assert.Equal(25m, viewed.EffectiveValue);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 18, 20, 0, TimeSpan.Zero), viewed.OccurredAt);
    }

    [Fact]
    public void EveryMistakeComesWithItsPathAndRefusesTheWholeBatch()
    {
        var (events, errors) = Map($$"""
            { "events": [
              {{View}},
              { "eventId": "s-1", "type": "searched", "occurredAt": "2026-03-07T19:20:00", "customer": { "email": "not-an-address" } },
              { "type": "checkout_started", "occurredAt": "2026-03-07T19:20:00Z", "anonymousId": "v", "products": [{ "productId": "a", "price": -1 }], "checkoutUrl": "javascript:alert(1)" },
              { "eventId": "x", "type": "product_viewed", "occurredAt": "2026-03-07T19:20:00Z", "products": [{ "productId": "a" }] }
            ] }
            """);

        Assert.Empty(events);
        Assert.Equal(
            [
                "$.events[1].occurredAt", "$.events[1].customer.email", "$.events[1].query",
                "$.events[2].eventId", "$.events[2].products[0].price", "$.events[2].checkoutUrl",
                "$.events[3]",
            ],
            errors.Select(error => error.Path));
    }

    [Fact]
    public void ABatchLargerThanTheLimitIsRefused()
    {
        var (events, errors) = Map($"[{View}, {View.Replace("v-1", "v-2", StringComparison.Ordinal)}]", maxBatch: 1);

        Assert.Empty(events);
        Assert.Equal("$", Assert.Single(errors).Path);
    }
}
