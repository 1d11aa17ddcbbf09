using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Orders;

/// <summary>The <c>orders</c> queue on Azurite: messages that never expire, and orders too large for a message.</summary>
public class OrderQueueTests
{
    private static readonly DateTimeOffset PlacedAt = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnOrderWaitsOnTheQueueWithoutExpiring()
    {
        await using var services = await TestServices.CreateAsync();

        await services.Get<IOrderQueue>().EnqueueAsync(TestOrders.Paid("1", "chika@example.jp", PlacedAt), default);

        var message = Assert.Single((await services.Storage.Queue(services.Storage.Names.OrdersQueueName).PeekMessagesAsync(32)).Value);
        Assert.Equal(DateTimeOffset.MaxValue.Year, message.ExpiresOn!.Value.Year); // "never": the service's end of time, 9999-12-31
        Assert.Contains("\"orderId\":\"1\"", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrderLargerThanAQueueMessageGoesByClaimCheckAndItsBlobIsRemovedOnceIngested()
    {
        await using var services = await TestServices.CreateAsync();
        var order = Large("big-1", lines: 1200);
        Assert.True(JsonSerializer.Serialize(order, EcCrmJson.Options).Length > 200_000);
        var container = services.Storage.Container(services.Storage.Names.QueuePayloads);

        await services.Get<IOrderQueue>().EnqueueAsync(order, default);

        var queue = services.Storage.Queue(services.Storage.Names.OrdersQueueName);
        var message = (await queue.ReceiveMessageAsync()).Value;
        Assert.True(message.Body.ToString().Length < 200, message.Body.ToString());
        Assert.Single(await BlobsAsync(container));
        Assert.Equal(DateTimeOffset.MaxValue.Year, message.ExpiresOn!.Value.Year);

        await services.Get<OrderMessageHandler>().HandleAsync(message.Body.ToString(), default);

        var profile = (await services.Get<IProfileStore>().GetAsync(TestKeys.ForEmail("chika@example.jp"), default))!.Value;
        Assert.Equal(1, profile.OrderCount);
        Assert.Equal(order.Total, profile.Revenue);
        Assert.Empty(await BlobsAsync(container));
    }

    [Fact]
    public async Task AClaimCheckWhoseBlobIsGoneIsUnprocessableAndNamesTheBlob()
    {
        await using var services = await TestServices.CreateAsync();
        const string message = """{"claimCheck":"orders/0123456789abcdef.json","bytes":204800}""";

        var failure = await Assert.ThrowsAsync<UnprocessableMessageException>(() => services.Get<OrderMessageHandler>().HandleAsync(message, default));

        Assert.Contains("orders/0123456789abcdef.json", failure.Message, StringComparison.Ordinal);
    }

    private static OrderRecord Large(string orderId, int lines) => TestOrders.Paid(orderId, "chika@example.jp", PlacedAt, total: lines * 1500m) with
    {
        Lines = [.. Enumerable.Range(0, lines).Select(i => new OrderLine
        {
            ProductId = $"tea-sencha-{i:0000}",
            Sku = $"SEN-{i:0000}",
            Title = $"Sencha Premium 100g, first flush, lot {i:0000} from the Makinohara plateau",
            Categories = ["tea", "green-tea"],
            Quantity = 1,
            UnitPrice = 1500m,
        })],
    };

    private static async Task<List<string>> BlobsAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
