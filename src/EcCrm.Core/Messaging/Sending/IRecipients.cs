using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// The send's read model of a customer. Kept current by its writers (ingestion writes the profile, the suppression list
/// and the coupon issuer add rows beside it) so that a send reads everything it needs about its customer at once.
/// </summary>
public interface IRecipients
{
    /// <summary>The customer as a send sees them, or <c>null</c> when there is no profile.</summary>
    /// <param name="couponCode">The coupon the e-mail shows, if any.</param>
    Task<Recipient?> GetAsync(CustomerKey customer, string? couponCode, CancellationToken cancellationToken);
}
