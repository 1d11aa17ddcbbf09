using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy;

/// <summary>
/// What storage holds about one customer beyond the profile and orders, read for an export and removed for an erasure.
/// Every removal is idempotent: running it again after a failure removes what is left and counts only that.
/// </summary>
public interface IPersonalData
{
    /// <summary>The suppressions of the customer's address (or key): unsubscribes, bounces, spam reports.</summary>
    Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(CustomerKey customer, string? email, CancellationToken cancellationToken);

    Task<IReadOnlyList<SendRecord>> ListSendsAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps each send ledger row (idempotency, frequency cap and report counts need it) but drops its personal content:
    /// subject, failure and bounce reasons. Returns the idempotency keys of the rows.
    /// </summary>
    Task<IReadOnlyList<string>> StripSendsAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>Deletes the copies of the e-mails with these idempotency keys (the local mail sink's files); how many messages.</summary>
    Task<int> DeleteMailCopiesAsync(IReadOnlyList<string> idempotencyKeys, CancellationToken cancellationToken);

    Task<int> DeleteOrdersAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>Removes the customer from the last-order index under every date they are listed at.</summary>
    Task<int> DeleteFromLastOrderIndexAsync(CustomerKey customer, CancellationToken cancellationToken);

    Task<int> DeleteEnrollmentsAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the profile and the coupons issued to the customer, and turns each suppression of the address into a
    /// tombstone: kept under the address's key with its kind, group and time, without its reason.
    /// </summary>
    Task<ProfileErasure> EraseProfileAsync(CustomerKey customer, string? email, CancellationToken cancellationToken);

    /// <summary>Every customer anything is stored under (profiles, orders, enrollments), for erasing a whole shop.</summary>
    Task<IReadOnlyList<CustomerKey>> ListCustomersAsync(CancellationToken cancellationToken);

    /// <summary>The customers these orders are stored under; orders that name no customer have none.</summary>
    Task<IReadOnlyList<CustomerKey>> FindOrderOwnersAsync(OrderSource source, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);

    /// <summary>Deletes these orders where they are stored without a customer (guest orders with no address); how many.</summary>
    Task<int> DeleteGuestOrdersAsync(OrderSource source, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);

    /// <summary>Deletes every order stored without a customer; how many.</summary>
    Task<int> DeleteAllGuestOrdersAsync(CancellationToken cancellationToken);
}
