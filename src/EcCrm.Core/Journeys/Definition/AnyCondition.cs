namespace EcCrm.Core.Journeys.Definition;

public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition;
