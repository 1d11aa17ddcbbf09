namespace EcCrm.Core.Journeys.Definition;

public sealed record SplitBranch(Condition When, string? Next);
