using System.Net;
using System.Text.Json;
using EcCrm.Server.Tests.Customers;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Webhooks;

public class OrderWebhookTests
{
    private const string HanaEmail = "hana.sato@example.com";

    [Fact]
    public async Task ASignedShopifyOrderBecomesAProfileWithTotalsInShopCurrency()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Shopify(Payloads.Text(Payloads.ShopifyPresentment)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var profile = await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() == 1);
        Assert.Equal(94.80m, profile.GetProperty("revenue").GetDecimal());
        Assert.Equal("EUR", profile.GetProperty("currency").GetString());
        Assert.True(profile.GetProperty("acceptsMarketing").GetBoolean());
        Assert.Equal("Europe/Berlin", profile.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task ASignedWooCommerceOrderBecomesAProfileNetOfItsRefund()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.WooCommerce(Payloads.Text(Payloads.WooCommerce)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var profile = await CustomerApi.WaitForAsync(host, "yui.tanaka@example.jp", p => p.GetProperty("orderCount").GetInt32() == 1);
        Assert.Equal(4800m, profile.GetProperty("revenue").GetDecimal());
        Assert.Equal("Asia/Tokyo", profile.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task ASignedGenericOrderBecomesAProfileWithItsProductsAndCategories()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var profile = await CustomerApi.WaitForAsync(host, "riko@example.com", p => p.GetProperty("orderCount").GetInt32() == 1);
        Assert.Equal(12800m, profile.GetProperty("revenue").GetDecimal());
        Assert.Equal(["beans-ethiopia", "grinder-c2"], profile.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("productId").GetString()));
        Assert.Equal(["coffee", "single-origin", "equipment"], profile.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    public static TheoryData<string, string> Forgeries => new()
    {
        { "/webhooks/orders/shopify", "X-Shopify-Hmac-Sha256" },
        { "/webhooks/orders/woocommerce", "X-WC-Webhook-Signature" },
        { "/webhooks/orders/generic", "X-EcCrm-Signature" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task AForgedOrMissingSignatureGets401AndQueuesNothing(string path, string header)
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        var body = Payloads.Text(Payloads.Generic);
        var missing = SignedWebhooks.WithoutSignature(path, body);
        var forged = SignedWebhooks.WithoutSignature(path, body);
        forged.Headers.Add(header, header == "X-EcCrm-Signature"
            ? $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1={new string('a', 64)}"
            : "bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ==");

        var missingResponse = await client.SendAsync(missing);
        var forgedResponse = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, missingResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Contains(header, await forgedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task AShopifyOrderSignedWithAnotherSecretGets401()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Shopify(Payloads.Text(Payloads.ShopifyPresentment), secret: "a-secret-of-another-shop"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task AGenericDeliverySignedMoreThanFiveMinutesAgoIsRefusedAsAReplay()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic), DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("more than 5 minutes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonGets400SayingWhere()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Shopify("{\"id\": 1, \"line_items\": [}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal("$", error.Path);
        Assert.Equal("is not valid JSON (line 1, byte 26): '}' is an invalid start of a value.", error.Message);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task AnOrderWithUnreadableFieldsGets400NamingEachPath()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        var body = Payloads.With(Payloads.ShopifyPresentment, ("$.line_items[1].price_set", null), ("$.line_items[1].price", "twenty"), ("$.id", null));

        var response = await client.SendAsync(SignedWebhooks.Shopify(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            [("$.id", "is required"), ("$.line_items[1].price", "must be a number or a string holding one, not the string \"twenty\"")],
            Errors(await response.Content.ReadAsStringAsync()).Order());
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task TheSameDeliveryThreeTimesIsAcceptedEachTimeAndCountsOnce()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        var body = Payloads.Text(Payloads.ShopifyPresentment);

        // A platform's retries of one delivery: each is queued, and ingestion stores the order once.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.SendAsync(SignedWebhooks.Shopify(body, webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses);
        await Eventually.ReturnsAsync(() => CustomerApi.QueuedOrdersAsync(host), count => count == 0, because: "every delivery is ingested");
        var profile = await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() >= 1);
        Assert.Equal((1, 94.80m), (profile.GetProperty("orderCount").GetInt32(), profile.GetProperty("revenue").GetDecimal()));
    }

    [Fact]
    public async Task TheSameOrderDeliveredThreeTimesCountsAsOneOrder()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        var body = Payloads.Text(Payloads.ShopifyPresentment);

        // Different delivery ids (e.g. orders/create, then orders/paid): recognised by (source, order id).
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.SendAsync(SignedWebhooks.Shopify(body))));
        await Eventually.ReturnsAsync(() => CustomerApi.QueuedOrdersAsync(host), count => count == 0);

        var profile = await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() >= 1);
        Assert.Equal(1, profile.GetProperty("orderCount").GetInt32());
        Assert.Equal(94.80m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task TwoOrdersOfOneCustomerArrivingTogetherAreBothCounted()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        var first = Payloads.Text(Payloads.ShopifyPresentment);
        var second = Payloads.With(Payloads.ShopifyPresentment, ("$.id", 5821104390299), ("$.name", "#1043"), ("$.created_at", "2026-03-20T10:00:00+01:00"));

        var responses = await Task.WhenAll(client.SendAsync(SignedWebhooks.Shopify(first)), client.SendAsync(SignedWebhooks.Shopify(second)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        var profile = await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() == 2);
        Assert.Equal(189.60m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task AnOlderOrderArrivingLateLeavesTheLastOrderDateAlone()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        var newer = Payloads.Text(Payloads.ShopifyPresentment); // 2026-03-14
        var older = Payloads.With(Payloads.ShopifyPresentment, ("$.id", 5821104300001), ("$.created_at", "2025-12-01T10:00:00+01:00"), ("$.updated_at", "2025-12-01T10:00:00+01:00"));

        await client.SendAsync(SignedWebhooks.Shopify(newer));
        await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() == 1);
        await client.SendAsync(SignedWebhooks.Shopify(older));

        var profile = await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() == 2);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 22, 31, TimeSpan.Zero), profile.GetProperty("lastOrderAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero), profile.GetProperty("firstOrderAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ACancelledOrderTakesItsRevenueBackOut()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        var placed = Payloads.Text(Payloads.ShopifyPresentment);
        var other = Payloads.With(Payloads.ShopifyPresentment, ("$.id", 5821104390299), ("$.created_at", "2026-03-01T10:00:00+01:00"), ("$.total_price_set", null), ("$.current_total_price_set", null), ("$.total_price", "30.00"), ("$.current_total_price", "30.00"));
        var cancelled = Payloads.With(Payloads.ShopifyPresentment, ("$.cancelled_at", "2026-03-15T08:00:00+01:00"), ("$.updated_at", "2026-03-15T08:00:00+01:00"));
        await client.SendAsync(SignedWebhooks.Shopify(placed));
        await client.SendAsync(SignedWebhooks.Shopify(other));
        await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() == 2);

        var response = await client.SendAsync(SignedWebhooks.Shopify(cancelled, topic: "orders/cancelled"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var profile = await CustomerApi.WaitForAsync(host, HanaEmail, p => p.GetProperty("orderCount").GetInt32() == 1);
        Assert.Equal(30.00m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task ABodyOverTheLimitGets413()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Webhooks:MaxBodyBytes"] = "2048", ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Shopify(Payloads.Text(Payloads.ShopifyPresentment)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task AnOrderOf200KilobytesGoesByClaimCheckIsIngestedAndLeavesNoBlobBehind()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        var lines = Enumerable.Range(0, 1200).Select(i =>
            $$"""{ "productId": "tea-sencha-{{i:0000}}", "sku": "SEN-{{i:0000}}", "title": "Sencha Premium 100g, first flush, lot {{i:0000}}", "categories": ["tea", "green-tea"], "quantity": 1, "unitPrice": 1500 }""");
        var body = $$"""
            { "orderId": "big-1", "status": "paid", "placedAt": "2026-06-01T19:45:00+09:00", "currency": "JPY", "total": {{1200 * 1500}},
              "customer": { "email": "riko@example.com", "firstName": "Riko", "acceptsMarketing": true },
              "lines": [{{string.Join(",", lines)}}] }
            """;
        Assert.InRange(body.Length, 200_000, 250_000);

        var response = await client.SendAsync(SignedWebhooks.Generic(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var profile = await CustomerApi.WaitForAsync(host, "riko@example.com", p => p.GetProperty("orderCount").GetInt32() == 1);
        Assert.Equal(1_800_000m, profile.GetProperty("revenue").GetDecimal());
        var container = host.Storage.Container(host.Storage.Names.QueuePayloads);
        await Eventually.ReturnsAsync(
            async () =>
            {
                var blobs = 0;
                await foreach (var _ in container.GetBlobsAsync())
                {
                    blobs++;
                }

                return blobs;
            },
            count => count == 0,
            because: "the order's blob is removed once it has been ingested");
    }

    [Fact]
    public async Task WhenStorageFailsBeforeTheOrderIsQueuedThe503SaysItMayNotBeAndThatRetryingIsSafe()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        await host.Storage.Queue(host.Storage.Names.OrdersQueueName).DeleteAsync();

        var response = await client.SendAsync(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("Storage did not answer while the order was being queued, so it may not have been queued. Retry the delivery: an order that arrives more than once is counted once.", detail);
    }

    [Fact]
    public async Task AnUnknownOrDisabledSourceGets404()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Webhooks:WooCommerce:Enabled"] = "false", ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var unknown = await client.SendAsync(SignedWebhooks.WithoutSignature("/webhooks/orders/magento", "{}"));
        var disabled = await client.SendAsync(SignedWebhooks.WooCommerce(Payloads.Text(Payloads.WooCommerce)));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Known sources: shopify, woocommerce, generic", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
    }

    [Fact]
    public async Task AnswersTheWooCommercePingSoTheWebhookStaysActive()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        var ping = new HttpRequestMessage(HttpMethod.Post, "/webhooks/orders/woocommerce") { Content = new FormUrlEncodedContent([new("webhook_id", "12")]) };

        var response = await client.SendAsync(ping);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    [Fact]
    public async Task AcknowledgesATopicItDoesNotReadWithoutQueuingIt()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var response = await client.SendAsync(SignedWebhooks.Shopify(Payloads.Text(Payloads.ShopifyPresentment), topic: "orders/fulfilled"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CustomerApi.QueuedOrdersAsync(host));
    }

    private static List<(string Path, string Message)> Errors(string problem) =>
        [.. JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateArray()
            .Select(error => (error.GetProperty("path").GetString()!, error.GetProperty("message").GetString()!))];
}
