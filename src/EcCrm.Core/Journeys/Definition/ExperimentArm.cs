namespace EcCrm.Core.Journeys.Definition;

public sealed record ExperimentArm(string Name, int Weight, string? Next);
