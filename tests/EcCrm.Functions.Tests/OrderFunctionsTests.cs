using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Functions.Orders;
using EcCrm.Functions.Webhooks;
using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Functions.Tests;

/// <summary>The order webhook and the orders queue as Functions, on Azurite: the same answers and effects as the Server's.</summary>
public class OrderFunctionsTests
{
    private static string Order(string email) => JsonSerializer.Serialize(new
    {
        orderId = $"{email}-1",
        status = "paid",
        placedAt = DateTimeOffset.UtcNow,
        currency = "JPY",
        total = 3200,
        customer = new { email, firstName = "Aoi" },
        lines = new[] { new { productId = "tea-sencha", title = "Sencha 100g", quantity = 1, unitPrice = 3200 } },
    });

    [Fact]
    public async Task ASignedOrderIsAcceptedAndQueuedThenTheQueueFunctionMakesTheProfile()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);
        var webhook = ActivatorUtilities.CreateInstance<OrderWebhookFunction>(services.Provider);
        var request = await FunctionHttp.RequestAsync(SignedWebhooks.Generic(Order("aoi@example.jp")), services);

        var (status, _) = await FunctionHttp.ExecuteAsync(await webhook.RunAsync(request, "generic", default), request);

        Assert.Equal(202, status);
        var queue = services.Storage.Queue(services.Storage.Names.OrdersQueueName);
        var message = (await queue.ReceiveMessageAsync()).Value;
        await ActivatorUtilities.CreateInstance<OrderQueueFunction>(services.Provider).RunAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn!.Value, default);
        var profile = await services.Get<IProfileStore>().GetAsync(TestKeys.ForEmail("aoi@example.jp"), default);
        Assert.Equal(1, profile!.Value.OrderCount);
    }

    [Fact]
    public async Task AForgedOrderGets401AndNothingIsQueued()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);
        var webhook = ActivatorUtilities.CreateInstance<OrderWebhookFunction>(services.Provider);
        var forged = SignedWebhooks.Generic(Order("eve@example.jp"));
        forged.Content = new StringContent(Order("mallory@example.jp"), System.Text.Encoding.UTF8, "application/json");
        var request = await FunctionHttp.RequestAsync(forged, services);

        var (status, _) = await FunctionHttp.ExecuteAsync(await webhook.RunAsync(request, "generic", default), request);

        Assert.Equal(401, status);
        Assert.Empty((await services.Storage.Queue(services.Storage.Names.OrdersQueueName).PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task AnUnreadableOrderMessageGoesToThePoisonQueueWithTheReason()
    {
        await using var services = await FunctionServices.CreateAsync(DateTimeOffset.UtcNow);

        await ActivatorUtilities.CreateInstance<OrderQueueFunction>(services.Provider).RunAsync("{not json", "m-1", 1, DateTimeOffset.UtcNow, default);

        var poisoned = Assert.Single((await services.Get<PoisonQueue>().PeekAsync(StorageNames.OrdersQueue, default)).Messages);
        Assert.Contains("Unprocessable", poisoned.Reason, StringComparison.Ordinal);
        Assert.Equal("{not json", poisoned.Body);
    }
}
