using System.Text.Json;
using EcCrm.Core.Privacy.Shopify;
using EcCrm.Core.Profiles;
using EcCrm.Core.Webhooks;
using EcCrm.Functions.Webhooks;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Functions.Tests;

/// <summary>
/// Shopify's compliance webhook and the <c>compliance</c> queue as Functions, on Azurite: the webhook only checks and
/// queues, and the queue function carries the request out, as the Server's listener does.
/// </summary>
public class ShopifyComplianceFunctionTests
{
    private const string Email = "aoi.compliance@example.jp";
    private static readonly long[] OrdersToRedact = [299938];

    private static string Redact() => JsonSerializer.Serialize(new
    {
        shop_id = 954889,
        shop_domain = "test-shop.myshopify.com",
        customer = new { id = 191167, email = Email, phone = "555-625-1199" },
        orders_to_redact = OrdersToRedact,
    });

    [Fact]
    public async Task ASignedCustomersRedactIsQueuedThenTheQueueFunctionErasesTheCustomerAndAForgedOneGets401()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);
        var profiles = services.Get<IProfileStore>();
        var key = TestKeys.ForEmail(Email);
        await profiles.TryAddAsync(new CustomerProfile { Key = key, Email = Email, FirstName = "Aoi", UpdatedAt = DateTimeOffset.UtcNow }, default);
        var function = ActivatorUtilities.CreateInstance<ShopifyComplianceFunction>(services.Provider);
        var queue = services.Storage.Queue(services.Storage.Names.ComplianceQueueName);

        var forged = await FunctionHttp.RequestAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(), secret: "a-secret-of-another-app"), services);
        var (forgedStatus, _) = await FunctionHttp.ExecuteAsync(await function.RunAsync(forged, default), forged);
        Assert.Equal(401, forgedStatus);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);

        var signed = await FunctionHttp.RequestAsync(SignedWebhooks.ShopifyCompliance("customers/redact", Redact(), webhookId: "fn-compliance-1"), services);
        var (status, body) = await FunctionHttp.ExecuteAsync(await function.RunAsync(signed, default), signed);

        Assert.Equal(200, status);
        Assert.Equal("queued", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.NotNull(await profiles.GetAsync(key, default));

        // The customer has no journey run, so the engine client is never called.
        var message = (await queue.ReceiveMessageAsync()).Value;
        await function.CarryOutAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn!.Value, durable: null!, default);

        Assert.Null(await profiles.GetAsync(key, default));
        Assert.True(await services.Get<IWebhookReceipts>().HasSeenAsync(ShopifyCompliance.ReceiptSource, "fn-compliance-1", default), "the delivery is recorded once carried out");
        Assert.Empty((await services.Get<PoisonQueue>().PeekAsync(StorageNames.ComplianceQueue, default)).Messages);
    }

    [Fact]
    public async Task AnUnreadableComplianceMessageGoesToThePoisonQueueWithTheReason()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);
        var function = ActivatorUtilities.CreateInstance<ShopifyComplianceFunction>(services.Provider);

        await function.CarryOutAsync("""{"request": {"topic": "orders/create", "shopDomain": "x", "orderIds": []}}""", "m-1", 1, DateTimeOffset.UtcNow, durable: null!, default);

        var poisoned = Assert.Single((await services.Get<PoisonQueue>().PeekAsync(StorageNames.ComplianceQueue, default)).Messages);
        Assert.Contains("Unprocessable", poisoned.Reason, StringComparison.Ordinal);
        Assert.Contains("orders/create", poisoned.Reason, StringComparison.Ordinal);
    }
}
