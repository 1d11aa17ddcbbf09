namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>Recomputes "bought together" from every customer's products and replaces the stored affinities.</summary>
public sealed class ProductAffinityRefresh(ICustomerProducts customers, IProductAffinities affinities)
{
    /// <returns>How many product pairs were stored.</returns>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var all = new List<IReadOnlyDictionary<string, string>>();
        await foreach (var products in customers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (products.Count > 1)
            {
                all.Add(products);
            }
        }

        var computed = CoPurchase.Compute(all);
        await affinities.ReplaceAllAsync(computed, cancellationToken).ConfigureAwait(false);
        return computed.Count;
    }
}
