using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>What a backtest replays: the customers, their orders, their suppressions and the marketing e-mail they were sent.</summary>
public sealed record ShopHistory(
    IReadOnlyList<CustomerProfile> Profiles,
    IReadOnlyDictionary<CustomerKey, IReadOnlyList<OrderRecord>> Orders,
    IReadOnlyDictionary<CustomerKey, IReadOnlyList<Suppression>> Suppressions,
    IReadOnlyDictionary<CustomerKey, IReadOnlyList<DateTimeOffset>> MarketingSends)
{
    public int OrderCount => Orders.Values.Sum(orders => orders.Count);
}
