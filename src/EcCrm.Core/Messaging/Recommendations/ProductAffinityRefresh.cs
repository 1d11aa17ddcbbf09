using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>Recomputes "bought together" from every customer's products and replaces the stored affinities.</summary>
public sealed class ProductAffinityRefresh(ICustomerProducts customers, IProductAffinities affinities)
{
    /// <returns>How many product pairs were stored.</returns>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        // Every buyer counts, those of a single product too: how popular a product is tells chance from preference.
        var all = new List<IReadOnlyList<ProductPurchase>>();
        await foreach (var products in customers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(products);
        }

        var computed = CoPurchase.Compute(all);
        await affinities.ReplaceAllAsync(computed, cancellationToken).ConfigureAwait(false);
        return computed.Count;
    }
}
