using EcCrm.Core.Tracking;

namespace EcCrm.Infrastructure.Tracking;

/// <summary>The body of a <c>tracked-events</c> message.</summary>
public sealed record TrackedEventBatch(IReadOnlyList<TrackedEvent> Events);
