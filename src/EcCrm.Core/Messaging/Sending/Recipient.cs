using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// What a send needs to know of its customer, read in one call: the profile (kept by ingestion, with the last order and
/// the products recommendations start from), the suppressions of the customer's address, the coupon the e-mail
/// shows when it was issued to them, and the customer's consent records.
/// </summary>
/// <param name="Coupon"><c>null</c> when no coupon was asked for, or it was issued before coupons were kept with the customer.</param>
public sealed record Recipient(CustomerProfile Profile, IReadOnlyList<Suppression> Suppressions, CreateCoupon? Coupon)
{
    /// <summary>The customer's consent ledger (<see cref="ConsentLedger"/>), erased records included.</summary>
    public IReadOnlyList<ConsentRecord> Consent { get; init; } = [];
}
