using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Definition;

/// <summary>A cron schedule in the shop's time zone; at each occurrence, customers in the segments enter (all customers when none are listed).</summary>
public sealed record ScheduleTrigger(string Cron, IReadOnlyList<RfmSegment> Segments) : EntryTrigger;
