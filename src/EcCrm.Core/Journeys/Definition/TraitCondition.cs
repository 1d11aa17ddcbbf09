namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// Compares a profile trait with a value. <see cref="Attribute"/> names the attribute for <see cref="ProfileTrait.Attribute"/>.
/// Exactly one of <see cref="Number"/>, <see cref="Text"/> and <see cref="Flag"/> holds the value.
/// </summary>
public sealed record TraitCondition(ProfileTrait Trait, string? Attribute, CompareOperator Operator, decimal? Number, string? Text, bool? Flag) : Condition;
