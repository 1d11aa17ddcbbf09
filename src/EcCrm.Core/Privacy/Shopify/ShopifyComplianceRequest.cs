using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy.Shopify;

/// <summary>
/// One compliance request as read from Shopify's payload: the shop, the customer named by id and/or e-mail (not for
/// <c>shop/redact</c>), the order ids listed (<c>orders_requested</c> or <c>orders_to_redact</c>) and, for a data request,
/// Shopify's id of it.
/// </summary>
public sealed record ShopifyComplianceRequest(
    string Topic,
    string ShopDomain,
    string? ShopId,
    string? CustomerId,
    string? Email,
    IReadOnlyList<string> OrderIds,
    string? DataRequestId)
{
    /// <summary>The keys the customer can be stored under: by address, and by Shopify customer id (customers without one).</summary>
    public IReadOnlyList<CustomerKey> KeysUnder(CustomerKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return
        [
            .. new[]
            {
                keys.ForEmailIfAny(Email),
                CustomerId is { } id ? keys.ForSourceCustomer(OrderSource.Shopify, id) : null,
            }.OfType<CustomerKey>().Distinct(),
        ];
    }
}
