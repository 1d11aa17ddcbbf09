using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Catalog;

namespace EcCrm.Server.Dashboard;

/// <summary>Everything one dashboard page shows.</summary>
internal sealed record DashboardModel(
    string ShopName,
    IReadOnlyList<PublishedJourney> Journeys,
    JourneyReport? Journey,
    CustomerReport Customers,
    IReadOnlyList<DashboardSend> RecentSends);
