namespace EcCrm.Core.Profiles;

/// <summary>
/// Customers by the shop-local date of their last order, so the daily inactivity sweep reads one date, not every
/// profile. A customer may briefly be listed under an old date as well (a crash between moving the row); readers
/// check the profile and <see cref="RemoveAsync"/> such stale rows.
/// </summary>
public interface ILastOrderIndex
{
    Task AddAsync(DateOnly lastOrderDate, CustomerKey customer, CancellationToken cancellationToken);

    Task RemoveAsync(DateOnly lastOrderDate, CustomerKey customer, CancellationToken cancellationToken);

    IAsyncEnumerable<CustomerKey> ListAsync(DateOnly lastOrderDate, CancellationToken cancellationToken);
}
