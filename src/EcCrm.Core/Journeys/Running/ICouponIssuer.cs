using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>Makes a journey's coupon real (in the shop, or recorded for the shop to honour). The same idempotency key issues once.</summary>
public interface ICouponIssuer
{
    Task IssueAsync(CustomerKey customer, string journeyId, CreateCoupon coupon, CancellationToken cancellationToken);

    /// <summary>A coupon issued before, to show its terms in an e-mail; <c>null</c> for an unknown code.</summary>
    Task<CreateCoupon?> FindAsync(string code, CancellationToken cancellationToken);
}
