namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>The products bought together, as last computed from the order history (ProductAffinities table).</summary>
public interface IProductAffinities
{
    Task<IReadOnlyList<ProductAffinity>> ForProductsAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken);

    Task ReplaceAllAsync(IReadOnlyList<ProductAffinity> affinities, CancellationToken cancellationToken);
}
