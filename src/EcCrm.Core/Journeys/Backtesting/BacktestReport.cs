using EcCrm.Core.Analytics;

namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// What a journey would have done to the shop's real customers over the replayed days: who would have entered and when,
/// the e-mails each node would have sent after consent, suppressions and the frequency cap, the conversion rate the
/// entrants had anyway, and how many entries the holdout needs to show the asked uplift (and how many days of entries
/// that is at the rate seen).
/// </summary>
public sealed record BacktestReport(
    string JourneyId,
    int Version,
    DateTimeOffset From,
    DateTimeOffset To,
    string ShopTimeZone,
    int Customers,
    int Orders,
    int Entries,
    int Holdout,
    IReadOnlyList<BacktestDay> EntriesByDay,
    IReadOnlyList<BacktestNode> Nodes,
    BacktestBaseline? Baseline,
    SampleSize? HoldoutNeeds,
    double? DaysOfEntriesNeeded,
    IReadOnlyList<BacktestEntrant> Entrants,
    IReadOnlyList<string> Notes);
