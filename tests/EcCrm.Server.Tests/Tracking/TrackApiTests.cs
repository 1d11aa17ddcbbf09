using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Core.Webhooks;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Tracking;

/// <summary>The track API and Shopify's checkout webhooks on the real Server and Azurite: accepted fast, queued, stored once per customer.</summary>
public class TrackApiTests
{
    private const string WriteKey = "storefront-write-key-0123";

    private static ServerHost Host() => new(new Dictionary<string, string?> { ["Tracking:WriteKey"] = WriteKey, ["Journeys:Scheduler"] = "false" });

    private static object View(string id, string email, string product, DateTimeOffset at) => new
    {
        eventId = id,
        type = "product_viewed",
        occurredAt = at,
        customer = new { email },
        products = new[] { new { productId = product, title = product, price = 12.5m } },
    };

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static Task<IReadOnlyList<TrackedEvent>> EventsAsync(ServerHost host, string email, int count) =>
        Eventually.ReturnsAsync(
            () => host.Services.GetRequiredService<ICustomerEvents>().ListAsync(TestKeys.ForEmail(email), DateTimeOffset.UtcNow.AddDays(-30), CancellationToken.None),
            events => events.Count >= count,
            TimeSpan.FromSeconds(30),
            $"{count} events stored for {email}");

    /// <summary>Waits until the queued event is applied in full: stored, profile started, journeys told.</summary>
    private static Task<bool> AppliedAsync(ServerHost host, string eventId) =>
        Eventually.ReturnsAsync(
            () => host.Services.GetRequiredService<IWebhookReceipts>().HasSeenAsync(TrackIntake.ReceiptSource, eventId, CancellationToken.None),
            seen => seen,
            TimeSpan.FromSeconds(30),
            $"event {eventId} applied");

    [Fact]
    public async Task ABatchIsAcceptedAndEachEventIdIsStoredOnceForItsCustomer()
    {
        await using var host = Host();
        using var api = host.CreateApiClient();
        var now = DateTimeOffset.UtcNow;

        var first = await api.PostAsync(new Uri("/api/events", UriKind.Relative), Json(new { events = new[] { View("v-1", "ada@example.com", "kettle", now.AddMinutes(-2)), View("v-2", "ada@example.com", "grinder", now.AddMinutes(-1)) } }));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").GetInt32());
        await EventsAsync(host, "ada@example.com", 2);

        var again = await api.PostAsync(new Uri("/api/events", UriKind.Relative), Json(new[] { View("v-2", "ada@example.com", "grinder", now.AddMinutes(-1)), View("v-3", "ada@example.com", "scale", now) }));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        var stored = await EventsAsync(host, "ada@example.com", 3);
        Assert.Equal(["v-1", "v-2", "v-3"], stored.Select(e => e.EventId));
        Assert.Equal("kettle", stored[0].Lines[0].ProductId);
    }

    [Fact]
    public async Task ABadEventRefusesTheBatchWithItsPathAndNothingIsStored()
    {
        await using var host = Host();
        using var api = host.CreateApiClient();
        var bad = new { eventId = "v-9", type = "wishlisted", occurredAt = DateTimeOffset.UtcNow, customer = new { email = "bo@example.com" }, products = new[] { new { productId = "kettle", quantity = 0 } } };

        var response = await api.PostAsync(new Uri("/api/events", UriKind.Relative), Json(new { events = new[] { View("v-1", "bo@example.com", "kettle", DateTimeOffset.UtcNow), bad } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("path").GetString()).ToList();
        Assert.Equal(["$.events[1].type", "$.events[1].products[0].quantity"], paths);
        Assert.Empty(await host.Services.GetRequiredService<ICustomerEvents>().ListAsync(TestKeys.ForEmail("bo@example.com"), DateTimeOffset.MinValue, CancellationToken.None));
    }

    [Fact]
    public async Task EventsNeedTheApiKeyASignatureOrForAnonymousEventsOnlyTheWriteKey()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var named = JsonSerializer.Serialize(new[] { View("v-1", "cy@example.com", "kettle", DateTimeOffset.UtcNow) });
        var anonymous = JsonSerializer.Serialize(new { eventId = "v-2", type = "product_viewed", occurredAt = DateTimeOffset.UtcNow, anonymousId = "visitor-1", products = new[] { new { productId = "kettle" } } });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(named))).StatusCode);
        var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(named) };
        wrongKey.Headers.Add("X-Api-Key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongKey)).StatusCode);

        var signed = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(named) };
        signed.Headers.Add(WebhookHeaders.GenericSignature, WebhookSignatures.SignTimestamped(TestSettings.GenericSecret, Encoding.UTF8.GetBytes(named), DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(signed)).StatusCode);

        var fromPage = await client.PostAsync(new Uri($"/api/events?writeKey={WriteKey}", UriKind.Relative), new StringContent(named));
        Assert.Equal(HttpStatusCode.BadRequest, fromPage.StatusCode);
        Assert.Equal("$[0].customer.email", (await fromPage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(new Uri($"/api/events?writeKey={WriteKey}", UriKind.Relative), new StringContent(anonymous, new MediaTypeHeaderValue("text/plain")))).StatusCode);
    }

    [Fact]
    public async Task AShopifyCheckoutNamesTheVisitorWhoseEarlierViewsThenJoinTheirProfile()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var now = DateTimeOffset.UtcNow;
        var view = JsonSerializer.Serialize(new { eventId = "v-1", type = "product_viewed", occurredAt = now.AddMinutes(-10), anonymousId = "visitor-42", products = new[] { new { productId = "kettle", title = "Gooseneck kettle" } } });
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(new Uri($"/api/events?writeKey={WriteKey}", UriKind.Relative), new StringContent(view))).StatusCode);

        // Whichever the queue applies first, the view ends up with the customer: moved when the checkout names the
        // visitor, or stored with the customer when the visitor is known by then.

        var checkout = ShopifyCheckout(now, completed: false);
        var response = await client.SendAsync(ShopifyCheckoutRequest(checkout.ToJsonString(), "checkouts/create"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await AppliedAsync(host, $"shopify-checkout:c1a2b3:{now.ToUnixTimeMilliseconds()}");
        var stored = await EventsAsync(host, "dee@example.com", 2);
        Assert.Equal(["v-1", $"shopify-checkout:c1a2b3:{now.ToUnixTimeMilliseconds()}"], stored.Select(e => e.EventId));
        var started = stored[1];
        Assert.Equal(TrackedEventType.CheckoutStarted, started.Type);
        Assert.Equal(new Uri("https://test-shop.example.com/2000/checkouts/c1a2b3/recover?key=k9"), started.CheckoutUrl);
        Assert.Equal([("7001", 2, 19.90m), ("7002", 1, 8.00m)], started.Lines.Select(line => (line.ProductId, line.Quantity, line.UnitPrice ?? 0)));
        Assert.Equal(47.80m, started.Value);
        using var api = host.CreateApiClient();
        var customer = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{TestKeys.ForEmail("dee@example.com")}");
        Assert.Equal("dee@example.com", customer.GetProperty("profile").GetProperty("email").GetString());
        Assert.True(customer.GetProperty("profile").GetProperty("acceptsMarketing").GetBoolean());

        var done = await client.SendAsync(ShopifyCheckoutRequest(ShopifyCheckout(now.AddMinutes(5), completed: true).ToJsonString(), "checkouts/update"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("ignored", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheExportShowsACustomersEventsAndErasingThemLeavesNoneOfTheirsOrTheirVisitorsBehind()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        using var api = host.CreateApiClient();
        var now = DateTimeOffset.UtcNow;
        var view = JsonSerializer.Serialize(new { eventId = "v-1", type = "product_viewed", occurredAt = now.AddMinutes(-10), anonymousId = "visitor-42", products = new[] { new { productId = "kettle", title = "Gooseneck kettle" } } });
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(new Uri($"/api/events?writeKey={WriteKey}", UriKind.Relative), new StringContent(view))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(ShopifyCheckoutRequest(ShopifyCheckout(now, completed: false).ToJsonString(), "checkouts/create"))).StatusCode);
        await AppliedAsync(host, $"shopify-checkout:c1a2b3:{now.ToUnixTimeMilliseconds()}");
        await EventsAsync(host, "dee@example.com", 2);
        var key = TestKeys.ForEmail("dee@example.com");

        var export = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/export");
        var erased = await api.DeleteAsync($"/api/customers/{key}");

        Assert.Equal(["v-1", $"shopify-checkout:c1a2b3:{now.ToUnixTimeMilliseconds()}"], export.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(3, (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackedEvents").GetInt32()); // two events and the visitor's link to the customer
        var left = new List<string>();
        await foreach (var row in host.Storage.Table(host.Storage.Names.CustomerEvents).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            left.Add($"{row.PartitionKey}/{row.RowKey}");
        }

        Assert.Empty(left);
    }

    /// <summary>A <c>checkouts/create</c> body in Shopify's REST shape, trimmed to what matters here.</summary>
    private static JsonObject ShopifyCheckout(DateTimeOffset updatedAt, bool completed) => new JsonObject
    {
        ["id"] = 981820079255243537,
        ["token"] = "c1a2b3",
        ["cart_token"] = "cart-77",
        ["email"] = "dee@example.com",
        ["buyer_accepts_marketing"] = true,
        ["created_at"] = updatedAt.AddMinutes(-3).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        ["updated_at"] = updatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        ["completed_at"] = completed ? updatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : null,
        ["currency"] = "JPY",
        ["presentment_currency"] = "JPY",
        ["total_price"] = "47.80",
        ["subtotal_price"] = "47.80",
        ["abandoned_checkout_url"] = "https://test-shop.example.com/2000/checkouts/c1a2b3/recover?key=k9",
        ["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "eccrm_anonymous_id", ["value"] = "visitor-42" }),
        ["customer"] = new JsonObject { ["id"] = 603851970716743426, ["email"] = "dee@example.com", ["first_name"] = "Dee", ["last_name"] = "Jones" },
        ["line_items"] = new JsonArray(
            new JsonObject { ["key"] = "a1", ["product_id"] = 7001, ["variant_id"] = 39072856, ["title"] = "Drip bag set", ["quantity"] = 2, ["price"] = "19.90", ["line_price"] = "39.80", ["sku"] = "DB-10" },
            new JsonObject { ["key"] = "a2", ["product_id"] = 7002, ["variant_id"] = 39072857, ["title"] = "Filter papers", ["quantity"] = 1, ["price"] = "8.00", ["line_price"] = "8.00", ["sku"] = "FP-100" }),
    };

    private static HttpRequestMessage ShopifyCheckoutRequest(string body, string topic)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/checkouts/shopify") { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add(WebhookHeaders.ShopifyHmac, WebhookSignatures.SignBase64(TestSettings.ShopifySecret, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(WebhookHeaders.ShopifyTopic, topic);
        request.Headers.Add(WebhookHeaders.ShopifyWebhookId, Guid.NewGuid().ToString());
        return request;
    }
}
