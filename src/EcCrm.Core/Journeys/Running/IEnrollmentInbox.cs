using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Hands inputs to running enrollments (e-mail events from the provider, orders, unsubscribes). Delivery is at least
/// once and asynchronous; the decider ignores what it has already seen.
/// </summary>
public interface IEnrollmentInbox
{
    Task DeliverAsync(string enrollmentId, JourneyInput input, CancellationToken cancellationToken);

    /// <summary>Delivers to every enrollment of the customer that has not ended.</summary>
    /// <returns>How many enrollments it was delivered to.</returns>
    Task<int> DeliverToActiveAsync(CustomerKey customer, JourneyInput input, CancellationToken cancellationToken);
}
