using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>Makes a journey's coupon real (in the shop, or recorded for the shop to honour). The same idempotency key issues once.</summary>
public interface ICouponIssuer
{
    Task IssueAsync(CustomerKey customer, string journeyId, CreateCoupon coupon, CancellationToken cancellationToken);
}
