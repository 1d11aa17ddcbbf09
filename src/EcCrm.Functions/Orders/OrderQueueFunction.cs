using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EcCrm.Functions.Orders;

/// <summary>The <c>orders</c> queue: ingests each order and tells journeys about it (poison handling: <see cref="QueueMessageRunner"/>).</summary>
public sealed class OrderQueueFunction(OrderMessageHandler handler, QueueMessageRunner runner)
{
    [Function("IngestOrder")]
    public Task RunAsync([QueueTrigger(StorageNames.OrdersQueue)] string body, string id, long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken) =>
        runner.RunAsync(handler, body, id, dequeueCount, insertionTime, cancellationToken);
}
