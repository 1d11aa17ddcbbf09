using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Server.Tests.Customers;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Webhooks;

/// <summary>
/// Shopify's mandatory compliance webhooks on <c>POST /webhooks/shopify/compliance</c>, with Shopify's payload shapes: the
/// webhook checks and queues the request and answers 200 at once; the <c>compliance</c> queue's listener carries it out.
/// </summary>
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

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(HanaOrderId, GuestOrderId), webhookId: "redact-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.Equal("customers/redact", answer.GetProperty("topic").GetString());
        Assert.DoesNotContain(HanaEmail, answer.GetRawText(), StringComparison.OrdinalIgnoreCase);
        await CarriedOutAsync(host, "redact-1");
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
        await CarriedOutAsync(host, "compliance-1");
        var redelivered = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", body, webhookId: "compliance-1"));
        var again = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", body, webhookId: "compliance-2"));

        Assert.Equal("queued", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal("duplicate", (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("queued", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await CarriedOutAsync(host, "compliance-2");
        Assert.Null(await CustomerApi.FindAsync(host, HanaEmail));
        Assert.Empty(await PoisonedAsync(host));
    }

    [Fact]
    public async Task DataRequestPreparesTheExportInBlobStorageUntilTheCustomerIsErased()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await OrderAsync(host, client);

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/data_request", DataRequest(), webhookId: "data-request-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("queued", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await CarriedOutAsync(host, "data-request-1");
        var key = TestKeys.ForEmail(HanaEmail);
        var container = host.Storage.Container(host.Storage.Names.PreparedExports);
        Assert.Equal([$"{key}/shopify-9999.json"], await BlobNamesAsync(container));
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
        Assert.Empty((await host.Storage.Queue(host.Storage.Names.ComplianceQueueName).PeekMessagesAsync()).Value);
        Assert.NotNull(await CustomerApi.FindAsync(host, HanaEmail));

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("shop/redact", $$"""{"shop_id": 954889, "shop_domain": "{{ShopDomain}}"}""", webhookId: "shop-redact-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("queued", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await CarriedOutAsync(host, "shop-redact-1");
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
        Assert.Empty((await host.Storage.Queue(host.Storage.Names.ComplianceQueueName).PeekMessagesAsync()).Value);
        Assert.NotNull(await CustomerApi.FindAsync(host, HanaEmail));
    }

    [Fact]
    public async Task TheWebhookAnswersAtOnceAndQueuesTheRequestWhichTheListenerThenCarriesOut()
    {
        // A Server whose listeners are off: the webhook alone must not erase anything.
        var settings = new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" };
        var webhookOnly = new ServerHost(settings) { KeepStorage = true };
        settings["Storage:Prefix"] = webhookOnly.Prefix;
        settings.Remove("Listeners:Enabled");
        var key = TestKeys.ForEmail(HanaEmail);
        using (var client = webhookOnly.CreateClient())
        {
            await webhookOnly.Services.GetRequiredService<IProfileStore>().TryAddAsync(
                new CustomerProfile { Key = key, Email = HanaEmail, FirstName = "Hana", UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

            var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(HanaOrderId), webhookId: "queued-1"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("queued", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            Assert.NotNull(await CustomerApi.FindAsync(webhookOnly, HanaEmail));
            Assert.Single((await webhookOnly.Storage.Queue(webhookOnly.Storage.Names.ComplianceQueueName).PeekMessagesAsync()).Value);
            Assert.False(await webhookOnly.Services.GetRequiredService<IWebhookReceipts>().HasSeenAsync(ShopifyCompliance.ReceiptSource, "queued-1", CancellationToken.None));
        }

        await webhookOnly.DisposeAsync();

        // The same storage with the listeners on: the queued request is carried out.
        await using var host = new ServerHost(settings);
        using var started = host.CreateClient();
        await CarriedOutAsync(host, "queued-1");
        Assert.Null(await CustomerApi.FindAsync(host, HanaEmail));
        Assert.Empty((await host.Storage.Queue(host.Storage.Names.ComplianceQueueName).PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task WhenTheQueueCannotBeReachedThe503SaysNothingWasQueuedAndNothingIsErased()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        var key = TestKeys.ForEmail(HanaEmail);
        await host.Services.GetRequiredService<IProfileStore>().TryAddAsync(
            new CustomerProfile { Key = key, Email = HanaEmail, FirstName = "Hana", UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await host.Storage.Queue(host.Storage.Names.ComplianceQueueName).DeleteAsync();

        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(HanaOrderId), webhookId: "unqueued-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("may not have been queued", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await CustomerApi.FindAsync(host, HanaEmail));
        Assert.False(await host.Services.GetRequiredService<IWebhookReceipts>().HasSeenAsync(ShopifyCompliance.ReceiptSource, "unqueued-1", CancellationToken.None));
    }

    [Fact]
    public async Task ARequestThatKeepsFailingEndsInThePoisonQueueWithTheReasonAndIsNotRecorded()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await OrderAsync(host, client);

        // Storage refuses every attempt: the container the export is written to is gone.
        await host.Storage.Container(host.Storage.Names.PreparedExports).DeleteAsync();
        var response = await client.SendAsync(SignedWebhooks.ShopifyCompliance("customers/data_request", DataRequest(), webhookId: "failing-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var poisoned = Assert.Single(await Eventually.ReturnsAsync(() => PoisonedAsync(host), found => found.Count == 1, because: "the request should end in the poison queue"));
        Assert.Contains("RequestFailedException", poisoned.Reason, StringComparison.Ordinal);
        Assert.True(poisoned.DequeueCount > 1, "it was tried more than once");
        Assert.False(await host.Services.GetRequiredService<IWebhookReceipts>().HasSeenAsync(ShopifyCompliance.ReceiptSource, "failing-1", CancellationToken.None));
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

    private static string DataRequest() => JsonSerializer.Serialize(new
    {
        shop_id = 954889,
        shop_domain = ShopDomain,
        orders_requested = new[] { HanaOrderId },
        customer = new { id = HanaCustomerId, email = HanaEmail, phone = "555-625-1199" },
        data_request = new { id = 9999 },
    });

    /// <summary>Waits until the listener has carried out the delivery: its id is recorded only then.</summary>
    private static Task<bool> CarriedOutAsync(ServerHost host, string deliveryId) =>
        Eventually.ReturnsAsync(
            () => host.Services.GetRequiredService<IWebhookReceipts>().HasSeenAsync(ShopifyCompliance.ReceiptSource, deliveryId, CancellationToken.None),
            seen => seen,
            because: $"compliance delivery {deliveryId} should be carried out");

    private static async Task<IReadOnlyList<PoisonMessage>> PoisonedAsync(ServerHost host) =>
        (await host.Services.GetRequiredService<PoisonQueue>().PeekAsync(StorageNames.ComplianceQueue, CancellationToken.None)).Messages;

    private static async Task<List<string>> BlobNamesAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
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
