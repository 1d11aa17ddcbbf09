using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Journeys;

/// <summary>
/// The sample abandoned-checkout journey run by the real Server on Azurite, on the clock 43,200 times faster: a
/// checkout_started event from the track API enters the customer, the first e-mail shows the cart and the way back an
/// hour later, and the customer's order ends the run.
/// </summary>
public class EventJourneyRunTests
{
    private const string JourneyId = "abandoned-checkout";

    [Fact]
    public async Task ACheckoutStartedEntersTheCustomerWhoGetsTheCartAnHourLaterAndWhoseOrderEndsTheJourney()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await PublishWithoutHoldoutAsync(api);
        var checkoutAt = clock.SimulatedNow;

        var tracked = await api.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(JsonSerializer.Serialize(new
        {
            events = new[]
            {
                new
                {
                    eventId = "checkout-k1",
                    type = "checkout_started",
                    occurredAt = checkoutAt,
                    customer = new { email = "kai@example.jp", firstName = "Test", acceptsMarketing = true },
                    products = new[] { new { productId = "grinder-hand", title = "Hand grinder", quantity = 1, price = 4800m } },
                    value = 4800m,
                    currency = "JPY",
                    checkoutUrl = "https://test-shop.example.com/checkouts/k1/recover",
                },
            },
        }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, tracked.StatusCode);

        var key = TestKeys.ForEmail("kai@example.jp");
        var entered = await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-24h", JourneyId);
        Assert.Equal("active", entered.GetProperty("status").GetString(), ignoreCase: true);
        var mail = Assert.Single(await ServerJourneys.MailsAsync(host.Prefix, "kai@example.jp", count: 1, JourneyId));
        Assert.Contains("checkout-1", mail, StringComparison.Ordinal);
        var eml = Directory.GetFiles(TestSettings.MailSink(host.Prefix), "*.eml").Single(file => File.ReadAllText(file).Contains("checkout-1", StringComparison.Ordinal));
        var html = File.ReadAllText(Path.ChangeExtension(eml, ".html"));
        Assert.Contains("Hand grinder", html, StringComparison.Ordinal);
        Assert.Contains("https://test-shop.example.com/checkouts/k1/recover?utm_source=eccrm", html, StringComparison.Ordinal);
        var sentAt = File.GetLastWriteTimeUtc(eml);
        Assert.True(clock.SimulatedOrigin + ((sentAt - clock.RealOrigin.UtcDateTime) * ServerJourneys.Factor) >= checkoutAt.AddHours(1), "the first e-mail waits an hour after the checkout");

        await ServerJourneys.OrderAsync(api, "kai@example.jp", "k-1", clock.SimulatedNow);
        var exited = await ServerJourneys.EnrollmentAsync(api, key, e => e.GetProperty("status").GetString()!.Equals("exited", StringComparison.OrdinalIgnoreCase), JourneyId);
        Assert.Equal("orderPlaced", exited.GetProperty("exitReason").GetString(), ignoreCase: true);
        Assert.Equal("kai@example.jp-k-1", exited.GetProperty("convertedOrderId").GetString());

        // The report sets what came back against what the checkout left behind.
        var recovery = (await Eventually.ReturnsAsync(
            async () => await api.GetFromJsonAsync<JsonElement>($"/api/reports/journeys/{JourneyId}"),
            report => report.GetProperty("funnel").GetProperty("converted").GetInt32() == 1,
            TimeSpan.FromSeconds(30),
            "the conversion in the report")).GetProperty("recovery");
        Assert.Equal("checkoutStarted", recovery.GetProperty("event").GetString());
        Assert.Equal(4800m, recovery.GetProperty("leftBehind").GetDecimal());
        Assert.Equal(3200m, recovery.GetProperty("recovered").GetDecimal());

        await Task.Delay(ServerJourneys.Day * 3); // past the 24-hour and 72-hour e-mails, which must not go out
        Assert.Single(ServerJourneys.Mails(host.Prefix, "kai@example.jp", JourneyId));
    }

    [Fact]
    public async Task AViewedProductEntersBrowseAbandonmentAndAddingToTheCartWithinTheDayTakesTheWayOutWithoutAnEmail()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        var key = TestKeys.ForEmail("rin@example.jp");
        await Eventually.ReturnsAsync(
            async () => await api.GetFromJsonAsync<JsonElement>("/api/journeys"),
            journeys => journeys.EnumerateArray().Any(journey => journey.GetProperty("id").GetString() == "browse-abandonment"),
            TimeSpan.FromSeconds(30),
            "the journey files should be published at start");

        Assert.Equal(HttpStatusCode.Accepted, (await TrackAsync(api, "view-1", "product_viewed", clock.SimulatedNow, "rin@example.jp")).StatusCode);
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "still-browsing", "browse-abandonment");
        Assert.Equal(HttpStatusCode.Accepted, (await TrackAsync(api, "cart-1", "added_to_cart", clock.SimulatedNow, "rin@example.jp")).StatusCode);

        var carted = await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "carted", "browse-abandonment");
        Assert.Equal("measuring", carted.GetProperty("status").GetString(), ignoreCase: true);
        await Task.Delay(ServerJourneys.Day * 2); // past the day after which the e-mail would have gone out
        Assert.Empty(ServerJourneys.Mails(host.Prefix, "rin@example.jp", "browse-abandonment"));
    }

    private static Task<HttpResponseMessage> TrackAsync(HttpClient api, string id, string type, DateTimeOffset at, string email) =>
        api.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(JsonSerializer.Serialize(new
        {
            eventId = id,
            type,
            occurredAt = at,
            customer = new { email, firstName = "Test", acceptsMarketing = true },
            products = new[] { new { productId = "kettle-gooseneck", title = "Gooseneck kettle", price = 6400m } },
        }), Encoding.UTF8, "application/json"));

    /// <summary>The sample as version 2 without its holdout, so the test customer is e-mailed.</summary>
    private static async Task PublishWithoutHoldoutAsync(HttpClient api)
    {
        var journey = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", $"{JourneyId}.journey.json")))!;
        journey["entry"]!["holdout"]!["percent"] = 0;
        journey["version"] = 2;
        await Eventually.ReturnsAsync(
            async () => (await api.PostAsync(new Uri("/api/journeys", UriKind.Relative), new StringContent(journey.ToJsonString()))).StatusCode,
            status => status is HttpStatusCode.Created or HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "version 2 should publish once the journey files are published");
    }
}
