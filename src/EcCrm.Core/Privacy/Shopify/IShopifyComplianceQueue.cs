namespace EcCrm.Core.Privacy.Shopify;

/// <summary>
/// Where accepted compliance requests wait to be carried out (the <c>compliance</c> queue): a shop's erasure can take
/// minutes, far longer than the five seconds Shopify gives a webhook.
/// </summary>
public interface IShopifyComplianceQueue
{
    Task EnqueueAsync(ShopifyComplianceWork work, CancellationToken cancellationToken);
}
