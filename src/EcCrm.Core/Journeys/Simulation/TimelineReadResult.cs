using System.Diagnostics.CodeAnalysis;
using EcCrm.Core.Journeys.Validation;

namespace EcCrm.Core.Journeys.Simulation;

public sealed record TimelineReadResult(CustomerTimeline? Timeline, IReadOnlyList<JourneyError> Errors)
{
    [MemberNotNullWhen(true, nameof(Timeline))]
    public bool IsValid => Timeline is not null && Errors.Count == 0;
}
