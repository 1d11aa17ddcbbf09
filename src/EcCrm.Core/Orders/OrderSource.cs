namespace EcCrm.Core.Orders;

/// <summary>Where an order came from. The value is part of the order's storage key, so it never changes.</summary>
public enum OrderSource
{
    Shopify,
    WooCommerce,
    Generic,
}
