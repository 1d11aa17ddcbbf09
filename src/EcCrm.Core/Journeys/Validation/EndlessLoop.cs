namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// Nodes a customer can reach and then never leave for an end of the journey, in the order they are written, and the
/// experiments in them whose other arms lead out, which those drawn into the loop never take.
/// </summary>
internal sealed record EndlessLoop(IReadOnlyList<string> Nodes, IReadOnlyList<(string Experiment, string ArmIn, string ArmOut)> StickyArms);
