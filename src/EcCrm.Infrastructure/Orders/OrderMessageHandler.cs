using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Orders;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Orders;

/// <summary>The <c>orders</c> queue's consumer: reads the canonical order and hands it to <see cref="OrderIngestion"/>.</summary>
public sealed class OrderMessageHandler(OrderIngestion ingestion) : IQueueMessageHandler
{
    public string QueueName => StorageNames.OrdersQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        OrderRecord? order;
        try
        {
            order = JsonSerializer.Deserialize<OrderRecord>(body, EcCrmJson.Options);
        }
        catch (JsonException ex)
        {
            throw new UnprocessableMessageException($"The message is not a canonical order: {ex.Message}", ex);
        }

        if (order is null)
        {
            throw new UnprocessableMessageException("The message is empty (JSON null).");
        }

        await ingestion.IngestAsync(order, cancellationToken).ConfigureAwait(false);
    }
}
