using EcCrm.Core.Profiles;

namespace EcCrm.Core.Analytics;

/// <summary>A customer's purchases, oldest first.</summary>
public sealed record CustomerHistory(CustomerKey Customer, IReadOnlyList<Purchase> Purchases);
