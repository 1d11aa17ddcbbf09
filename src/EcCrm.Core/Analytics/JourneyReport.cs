namespace EcCrm.Core.Analytics;

/// <summary>What a journey (one version, or all versions together when <see cref="Version"/> is null) did.</summary>
public sealed record JourneyReport(
    string JourneyId,
    int? Version,
    FunnelCounts Funnel,
    IReadOnlyList<NodeCounts> Nodes,
    IReadOnlyDictionary<string, int> ExitReasons,
    ProportionComparison Conversion,
    RevenueComparison Revenue,
    IReadOnlyList<JourneyReport> Versions);
