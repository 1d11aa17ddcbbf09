using EcCrm.Core.Orders;

namespace EcCrm.Core.Profiles;

/// <summary>A profile with the customer's most recent orders, as the read API returns it.</summary>
public sealed record CustomerView(CustomerProfile Profile, IReadOnlyList<OrderRecord> RecentOrders);
