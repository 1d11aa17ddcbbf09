namespace EcCrm.Core.Journeys.Definition;

public sealed record NotCondition(Condition Condition) : Condition;
