namespace EcCrm.Core.Journeys.Definition;

/// <summary>Waits for the first of several events, each leading its own way, or for the <see cref="Timeout"/>.</summary>
public sealed record WaitForNode(string Id, IReadOnlyList<WaitBranch> Branches, JourneyDuration Timeout, string? TimeoutNext) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [.. Branches.Select(branch => branch.Next), TimeoutNext];
}
