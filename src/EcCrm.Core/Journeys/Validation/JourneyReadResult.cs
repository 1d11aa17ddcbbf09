using System.Diagnostics.CodeAnalysis;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Validation;

/// <summary>A journey read from JSON: the definition when there were no errors, and every error found.</summary>
public sealed record JourneyReadResult(JourneyDefinition? Definition, IReadOnlyList<JourneyError> Errors)
{
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
