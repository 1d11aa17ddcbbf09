using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Definition;

/// <summary>The customer is in one of these RFM segments (checked by the daily sweep).</summary>
public sealed record SegmentTrigger(IReadOnlyList<RfmSegment> Segments) : EntryTrigger;
