using EcCrm.Infrastructure.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EcCrm.Functions.Orders;

/// <summary>
/// The <c>orders</c> queue: ingests each order and tells journeys about it. A message that cannot be read goes to
/// <c>orders-poison</c> at once with the reason; other failures are retried by the runtime (host.json
/// <c>maxDequeueCount</c>) and then moved there by it.
/// </summary>
public sealed class OrderQueueFunction(OrderMessageHandler handler, PoisonQueue poison, TimeProvider time)
{
    [Function("IngestOrder")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.OrdersQueue)] string body, string id, long dequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (UnprocessableMessageException ex)
        {
            await poison.AddAsync(new PoisonMessage(StorageNames.OrdersQueue, $"Unprocessable: {ex.Message}", dequeueCount, time.GetUtcNow(), id, body), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
