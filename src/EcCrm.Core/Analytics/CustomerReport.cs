using EcCrm.Core.Segments;

namespace EcCrm.Core.Analytics;

/// <summary>How the shop's customers buy again: repeat purchase rate, cohort retention, RFM segments and their movement.</summary>
public sealed record CustomerReport(
    DateTimeOffset AsOf,
    int Customers,
    int RepeatCustomers,
    double RepeatPurchaseRate,
    IReadOnlyList<CohortRow> Cohorts,
    IReadOnlyDictionary<RfmSegment, int> Segments,
    IReadOnlyDictionary<RfmSegment, int> SegmentsBefore,
    DateTimeOffset SegmentsBeforeAsOf,
    IReadOnlyList<SegmentMovement> Movements);
