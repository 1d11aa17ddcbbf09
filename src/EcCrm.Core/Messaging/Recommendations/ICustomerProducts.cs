using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>Every customer's bought products (id, title, categories), read from the profiles for the co-purchase counts.</summary>
public interface ICustomerProducts
{
    IAsyncEnumerable<IReadOnlyList<ProductPurchase>> ListAsync(CancellationToken cancellationToken);
}
