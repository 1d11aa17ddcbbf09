namespace EcCrm.Core.Journeys.Definition;

public enum CompareOperator
{
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    Contains,
    NotContains,
}
