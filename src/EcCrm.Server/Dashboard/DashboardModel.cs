using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;

namespace EcCrm.Server.Dashboard;

/// <summary>Everything one dashboard page shows.</summary>
internal sealed record DashboardModel(
    string ShopName,
    IReadOnlyList<PublishedJourney> Journeys,
    JourneyReport? Journey,
    CustomerReport Customers,
    IReadOnlyList<DashboardSend> RecentSends)
{
    /// <summary>The selected journey's enrollments (filtered by status when one is chosen).</summary>
    public JourneyEnrollmentList? Enrollments { get; init; }

    /// <summary>When the sweep runs next, and whether this Server runs it on its schedule.</summary>
    public SweepPlan? Sweep { get; init; }

    public bool SweepScheduled { get; init; } = true;

    /// <summary>What a sweep just run from the page did, to say so.</summary>
    public IReadOnlyList<SweepReport>? Swept { get; init; }

    /// <summary>The journeys' clock now (it may run faster in the demo).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>NPS of the last <see cref="DashboardEndpoints.SurveyDays"/> days, overall, per journey and per week, with the latest comments.</summary>
    public Core.Surveys.SurveyReport? Surveys { get; init; }
}
