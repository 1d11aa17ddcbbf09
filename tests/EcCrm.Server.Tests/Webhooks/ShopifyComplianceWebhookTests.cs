using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EcCrm.Core.Profiles;
using EcCrm.Server.Tests.Customers;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Webhooks;

/// <summary>Shopify's mandatory compliance webhooks on <c>POST /webhooks/shopify/compliance</c>, with Shopify's payload shapes.</summary>
public class ShopifyComplianceWebhookTests
{
    private const string HanaEmail = "hana.sato@example.com";
    private const long HanaCustomerId = 7390182736987;
    private const long HanaOrderId = 5821104390211;
    private const long GuestOrderId = 5821104777001;
    private const string ShopDomain = "test-shop.myshopify.com";

    [Fact]
    public async Task CustomersRedactErasesTheCustomerNamedByIdAndEmailAndTheOrdersToRedact()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await OrderAsync(host, client);
        await GuestOrderAsync(host, client);
        Assert.Equal(2, (await OrderRowsAsync(host)).Count);

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(HanaOrderId, GuestOrderId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("erased", answer.GetProperty("status").GetString());
        Assert.Equal(1, answer.GetProperty("customers").GetInt32());
        Assert.Equal(2, answer.GetProperty("orders").GetInt32());
        Assert.DoesNotContain(HanaEmail, answer.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await CustomerApi.FindAsync(host, HanaEmail));
        Assert.Empty(await OrderRowsAsync(host));
    }

    [Fact]
    public async Task ARedeliveryIsRecognisedAndARedactRepeatedUnderANewIdIsHarmless()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await OrderAsync(host, client);
        var body = Redact(HanaOrderId);

        var first = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", body, webhookId: "compliance-1"));
        var redelivered = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", body, webhookId: "compliance-1"));
        var again = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", body, webhookId: "compliance-2"));

        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customers").GetInt32());
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal("duplicate", (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("erased", repeated.GetProperty("status").GetString());
        Assert.Equal(0, repeated.GetProperty("customers").GetInt32());
        Assert.Null(await CustomerApi.FindAsync(host, HanaEmail));
    }

    [Fact]
    public async Task DataRequestPreparesTheExportInBlobStorageUntilTheCustomerIsErased()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await OrderAsync(host, client);
        var body = JsonSerializer.Serialize(new
        {
            shop_id = 954889,
            shop_domain = ShopDomain,
            orders_requested = new[] { HanaOrderId },
            customer = new { id = HanaCustomerId, email = HanaEmail, phone = "555-625-1199" },
            data_request = new { id = 9999 },
        });

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/data_request", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("prepared", answer.GetProperty("status").GetString());
        var key = TestKeys.ForEmail(HanaEmail);
        var location = Assert.Single(answer.GetProperty("exports").EnumerateArray()).GetString()!;
        Assert.Equal($"{host.Storage.Names.PreparedExports}/{key}/shopify-9999.json", location);
        var container = host.Storage.Container(host.Storage.Names.PreparedExports);
        var export = JsonDocument.Parse((await container.GetBlobClient($"{key}/shopify-9999.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(key.Value, export.GetProperty("customer").GetString());
        Assert.Equal(HanaEmail, export.GetProperty("profile").GetProperty("email").GetString(), ignoreCase: true);
        Assert.Equal(HanaOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(export.GetProperty("orders").EnumerateArray()).GetProperty("orderId").GetString());

        using var api = host.CreateApiClient();
        var erased = await api.DeleteAsync($"/api/customers/{key}");

        Assert.Equal(1, (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("preparedExports").GetInt32());
        await foreach (var blob in container.GetBlobsAsync())
        {
            Assert.Fail($"The erased customer's export is still kept: {blob.Name}");
        }
    }

    [Fact]
    public async Task ShopRedactErasesEveryCustomerOfTheShop()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Webhooks:Shopify:ShopDomain"] = ShopDomain });
        using var client = host.CreateClient();
        await OrderAsync(host, client);
        await client.SendAsync(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic)));
        await CustomerApi.WaitForAsync(host, "riko@example.com", profile => profile.GetProperty("orderCount").GetInt32() == 1);

        var otherShop = await client.SendAsync(SignedWebhooks.ShopifyCompliance("shop/redact", """{"shop_id": 1, "shop_domain": "another-store.myshopify.com"}"""));
        var ignored = await otherShop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ignored", ignored.GetProperty("status").GetString());
        Assert.NotNull(await CustomerApi.FindAsync(host, HanaEmail));

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("shop/redact", $$"""{"shop_id": 954889, "shop_domain": "{{ShopDomain}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customers").GetInt32());
        Assert.Null(await CustomerApi.FindAsync(host, HanaEmail));
        Assert.Null(await CustomerApi.FindAsync(host, "riko@example.com"));
        Assert.Empty(await OrderRowsAsync(host));
    }

    [Fact]
    public async Task AForgedOrUnsignedComplianceWebhookGets401AndErasesNothing()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await OrderAsync(host, client);
        var forged = SignedWebhooks.ShopifyCompliance("shop/redact", """{"shop_id": 954889, "shop_domain": "test-shop.myshopify.com"}""", secret: "a-secret-of-another-app");
        var unsigned = SignedWebhooks.WithoutSignature("/webhooks/shopify/compliance", """{"shop_id": 954889, "shop_domain": "test-shop.myshopify.com"}""");
        unsigned.Headers.Add("X-Shopify-Topic", "shop/redact");

        var forgedResponse = await client.SendAsync(forged);
        var unsignedResponse = await client.SendAsync(unsigned);

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsignedResponse.StatusCode);
        Assert.Contains("X-Shopify-Hmac-Sha256", await forgedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await CustomerApi.FindAsync(host, HanaEmail));
    }

    [Fact]
    public async Task AnUnknownTopicOrAMalformedBodyGets400SayingWhatAndWhere()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var orderTopic = await client.SendAsync(SignedWebhooks.ShopifyCompliance("orders/create", Redact(HanaOrderId)));
        var noTopic = SignedWebhooks.ShopifyCompliance("customers/redact", Redact(HanaOrderId));
        noTopic.Headers.Remove("X-Shopify-Topic");
        var missingTopic = await client.SendAsync(noTopic);
        var malformed = await client.SendAsync(SignedWebhooks.ShopifyCompliance(
            "customers/redact", """{"shop_id": 954889, "customer": {"id": {"gid": 1}, "email": "not-an-address"}, "orders_to_redact": "5821104390211"}"""));
        var noCustomer = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/data_request", """{"shop_domain": "test-shop.myshopify.com", "customer": {}}"""));
        var notJson = await client.SendAsync(SignedWebhooks.ShopifyCompliance("shop/redact", """{"shop_domain": """));

        Assert.Equal(HttpStatusCode.BadRequest, orderTopic.StatusCode);
        Assert.Contains("'orders/create' is not a compliance topic", await orderTopic.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missingTopic.StatusCode);
        Assert.Contains("X-Shopify-Topic header is missing", await missingTopic.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(
            ["$.customer.email", "$.customer.id", "$.orders_to_redact", "$.shop_domain"],
            ErrorPaths(await malformed.Content.ReadAsStringAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["$.customer"], ErrorPaths(await noCustomer.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(["$"], ErrorPaths(await notJson.Content.ReadAsStringAsync()));
    }

    private static string Redact(params long[] orders) => JsonSerializer.Serialize(new
    {
        shop_id = 954889,
        shop_domain = ShopDomain,
        customer = new { id = HanaCustomerId, email = HanaEmail, phone = "555-625-1199" },
        orders_to_redact = orders,
    });

    private static async Task OrderAsync(ServerHost host, HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(SignedWebhooks.Shopify(Payloads.Text(Payloads.ShopifyPresentment)))).StatusCode);
        await CustomerApi.WaitForAsync(host, HanaEmail, profile => profile.GetProperty("orderCount").GetInt32() == 1);
    }

    /// <summary>A Shopify order without customer or address: stored under no customer key.</summary>
    private static async Task GuestOrderAsync(ServerHost host, HttpClient client)
    {
        var body = Payloads.With(Payloads.ShopifyGuestPending, ("$.id", GuestOrderId), ("$.email", null), ("$.contact_email", null));
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(SignedWebhooks.Shopify(body))).StatusCode);
        await Eventually.ReturnsAsync(() => OrderRowsAsync(host), rows => rows.Contains($"anonymous/shopify-{GuestOrderId}"), because: "the guest order should be stored");
    }

    private static async Task<List<string>> OrderRowsAsync(ServerHost host)
    {
        var rows = new List<string>();
        await foreach (var row in host.Storage.Table(host.Storage.Names.Orders).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}");
        }

        return rows;
    }

    private static List<string> ErrorPaths(string problem) =>
        [.. JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("path").GetString()!)];
}
