namespace EcCrm.Core.Alerts;

/// <summary>The queue of alerts waiting to be delivered to the shop's webhook (retried, then poison, as all queue work).</summary>
public interface IShopAlertQueue
{
    Task EnqueueAsync(ShopAlert alert, CancellationToken cancellationToken);
}
