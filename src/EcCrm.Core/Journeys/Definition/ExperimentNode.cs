namespace EcCrm.Core.Journeys.Definition;

/// <summary>Assigns each enrollment to one arm by weight: a hash of the enrollment id and <see cref="Salt"/>, so the arm is sticky.</summary>
public sealed record ExperimentNode(string Id, string Salt, IReadOnlyList<ExperimentArm> Arms) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => Arms.Select(arm => arm.Next);
}
