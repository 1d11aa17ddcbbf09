namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// Stands in, while validating, for a node that could not be read, so the other nodes keep their positions and their
/// links to it resolve. Never part of a valid definition.
/// </summary>
internal sealed record UnreadNode(string Id) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [];
}
