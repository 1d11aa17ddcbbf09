using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Orders;

namespace EcCrm.Core.Analytics;

/// <summary>What a journey's coupon gave away on an order that used it.</summary>
public static class CouponCosts
{
    /// <summary>
    /// The discount of <paramref name="coupon"/> on <paramref name="order"/>, when the order used its code: the amount off,
    /// or for a percentage what the order would have cost more without it (a total T after p% off had T × p / (100 − p)
    /// taken off). Zero when the order did not use the code.
    /// </summary>
    public static decimal Of(CreateCouponAction coupon, string code, OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        ArgumentNullException.ThrowIfNull(order);
        if (!order.DiscountCodes.Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            return 0m;
        }

        return coupon.AmountOff is { } amount ? amount
            : coupon.PercentOff is { } percent and > 0 and < 100 ? Math.Round(order.Total * percent / (100m - percent), 2)
            : 0m;
    }
}
