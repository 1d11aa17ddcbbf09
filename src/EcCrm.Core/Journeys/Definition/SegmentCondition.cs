using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Definition;

public sealed record SegmentCondition(IReadOnlyList<RfmSegment> Segments) : Condition;
