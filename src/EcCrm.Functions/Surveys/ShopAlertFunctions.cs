using EcCrm.Infrastructure.Alerts;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EcCrm.Functions.Surveys;

/// <summary>The <c>shop-alerts</c> queue: delivers journey alerts to the shop's webhook, as the Server's listener does.</summary>
public sealed class ShopAlertFunctions(ShopAlertMessageHandler handler, QueueMessageRunner runner)
{
    [Function("DeliverShopAlerts")]
    public Task DeliverAsync([QueueTrigger(StorageNames.ShopAlertsQueue)] string body, string id, long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken) =>
        runner.RunAsync(handler, body, id, dequeueCount, insertionTime, cancellationToken);
}
