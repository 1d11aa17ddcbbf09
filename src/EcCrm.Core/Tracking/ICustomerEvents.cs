using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tracking;

/// <summary>
/// Tracked events, kept per customer (or per anonymous visitor until they are identified), each once by its event id.
/// </summary>
public interface ICustomerEvents
{
    /// <summary>Stores the event for the customer or, without one, for the anonymous visitor; <c>false</c> when that event id was stored before.</summary>
    Task<bool> AddAsync(CustomerKey? customer, TrackedEvent tracked, CancellationToken cancellationToken);

    /// <summary>The customer's events since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<TrackedEvent>> ListAsync(CustomerKey customer, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The customer an anonymous visitor turned out to be, once an event named both.</summary>
    Task<CustomerKey?> IdentifiedAsAsync(string anonymousId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the anonymous visitor is the customer and moves the visitor's events to the customer. Safe to repeat;
    /// an event already with the customer is not copied twice.
    /// </summary>
    /// <returns>How many events joined the customer.</returns>
    Task<int> IdentifyAsync(string anonymousId, CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>
    /// Erases every event of the customer, and of each anonymous visitor who turned out to be them (with the row that says
    /// so); how many rows. Safe to repeat.
    /// </summary>
    Task<int> EraseAsync(CustomerKey customer, CancellationToken cancellationToken);

    /// <summary>Removes the customer's events older than <paramref name="before"/>.</summary>
    Task<int> PruneAsync(CustomerKey customer, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every event older than <paramref name="before"/>, of every customer and visitor (those who never come back
    /// included), and each link of a visitor to a customer last confirmed before then; how many rows.
    /// </summary>
    Task<int> PruneAllAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
