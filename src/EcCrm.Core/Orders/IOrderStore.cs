using EcCrm.Core.Profiles;

namespace EcCrm.Core.Orders;

/// <summary>
/// Every order, one row per (source, order id), grouped by customer. Saving is idempotent and never lets an
/// older version of an order replace a newer one.
/// </summary>
public interface IOrderStore
{
    /// <param name="customer">The customer the order belongs to; <c>null</c> files it with orders that name nobody.</param>
    Task<OrderSaveOutcome> SaveAsync(CustomerKey? customer, OrderRecord order, CancellationToken cancellationToken);

    /// <summary>
    /// Stores many orders of one customer at once (history import). Same guarantees as <see cref="SaveAsync"/>
    /// for every order; returns how many were new.
    /// </summary>
    Task<int> SaveManyAsync(CustomerKey customer, IReadOnlyList<OrderRecord> orders, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderRecord>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken);
}
