namespace EcCrm.Core.Journeys.Definition;

/// <summary>The enrollment's bucket 0–99 (a hash of the enrollment id and <see cref="Salt"/>) is below <see cref="Below"/>.</summary>
public sealed record RandomBucketCondition(int Below, string Salt) : Condition;
