using EcCrm.Core.Segments;

namespace EcCrm.Core.Analytics;

/// <summary>How many customers moved from one RFM segment to another between two dates.</summary>
public sealed record SegmentMovement(RfmSegment From, RfmSegment To, int Customers);
