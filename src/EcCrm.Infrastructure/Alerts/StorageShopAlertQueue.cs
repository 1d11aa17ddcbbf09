using System.Text.Json;
using Azure.Storage.Queues;
using EcCrm.Core.Alerts;
using EcCrm.Core.Json;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Alerts;

/// <summary>The <c>shop-alerts</c> queue: one alert per message, in EcCrm's JSON, never expiring.</summary>
public sealed class StorageShopAlertQueue(StorageClients storage, QueuePayloads payloads) : IShopAlertQueue
{
    private readonly QueueClient queue = storage.Queue(storage.Names.ShopAlertsQueueName);

    public Task EnqueueAsync(ShopAlert alert, CancellationToken cancellationToken) =>
        payloads.SendAsync(queue, JsonSerializer.Serialize(alert, EcCrmJson.Options), cancellationToken);
}
