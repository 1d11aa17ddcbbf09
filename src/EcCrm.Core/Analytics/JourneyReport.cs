namespace EcCrm.Core.Analytics;

/// <summary>
/// What a journey (one version, or all versions together when <see cref="Version"/> is null) did. docs/reports.md
/// defines every figure.
/// </summary>
public sealed record JourneyReport(
    string JourneyId,
    int? Version,
    FunnelCounts Funnel,
    IReadOnlyList<NodeCounts> Nodes,
    IReadOnlyDictionary<string, int> ExitReasons,
    ProportionComparison Conversion,
    RevenueComparison Revenue,
    IReadOnlyList<JourneyReport> Versions)
{
    /// <summary>ISO 4217 code of every amount in the report (the shop's currency); <c>null</c> when it is not set.</summary>
    public string? Currency { get; init; }

    /// <summary>Whether the journey holds customers out: without a holdout its effect cannot be measured, and there is no interval.</summary>
    public bool HasHoldout { get; init; } = true;

    /// <summary>The goal window in days (a goal order within it converts); <c>null</c> without a goal.</summary>
    public int? GoalDays { get; init; }

    /// <summary>Enrollments whose goal window is over and those still inside it, per group.</summary>
    public EnrollmentProgress Progress { get; init; } = new(0, 0, 0, 0);

    /// <summary>Treatment against holdout among the enrollments whose goal window is over: no one counted here can still convert.</summary>
    public ProportionComparison? FinishedConversion { get; init; }

    /// <summary>For a journey entered on a shop event, what was left behind and what came back; <c>null</c> for other journeys.</summary>
    public RecoveryFigures? Recovery { get; init; }
}
