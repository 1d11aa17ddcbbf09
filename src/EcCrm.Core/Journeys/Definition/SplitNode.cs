namespace EcCrm.Core.Journeys.Definition;

/// <summary>Goes the way of the first branch whose condition holds, else to <see cref="Else"/>.</summary>
public sealed record SplitNode(string Id, IReadOnlyList<SplitBranch> Branches, string? Else) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [.. Branches.Select(branch => branch.Next), Else];
}
