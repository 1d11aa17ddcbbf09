namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// This share of entrants receives nothing, so the journey's effect can be measured against them. The group is a
/// hash of the enrollment id and <see cref="Salt"/>: the same enrollment always lands in the same group.
/// </summary>
public sealed record HoldoutRules(int Percent, string Salt);
