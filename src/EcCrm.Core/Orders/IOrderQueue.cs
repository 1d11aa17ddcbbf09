namespace EcCrm.Core.Orders;

/// <summary>Where accepted orders wait for ingestion (the <c>orders</c> queue).</summary>
public interface IOrderQueue
{
    Task EnqueueAsync(OrderRecord order, CancellationToken cancellationToken);
}
