namespace EcCrm.Core.Journeys.Definition;

public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition;
