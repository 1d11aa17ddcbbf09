namespace EcCrm.Core.Journeys.Definition;

/// <summary>Ends the journey here.</summary>
public sealed record ExitNode(string Id) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [];
}
