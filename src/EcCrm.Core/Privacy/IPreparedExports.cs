using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy;

/// <summary>
/// Exports prepared for the shop to hand over (a Shopify <c>customers/data_request</c>), kept until fetched or until the
/// customer is erased.
/// </summary>
public interface IPreparedExports
{
    /// <summary>Stores (or replaces) the export under the customer and <paramref name="name"/>; returns where it is, for the operator.</summary>
    Task<string> SaveAsync(CustomerKey customer, string name, CustomerExportDocument document, CancellationToken cancellationToken);

    /// <summary>Deletes every export prepared for the customer; how many.</summary>
    Task<int> DeleteAsync(CustomerKey customer, CancellationToken cancellationToken);
}
