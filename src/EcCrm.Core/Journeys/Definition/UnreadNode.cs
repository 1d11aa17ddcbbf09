namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// Stands in, while validating, for a node that could not be read, so the other nodes keep their positions and their
/// links to it resolve. It keeps what could still be read of it, so that a mistake in one of its other properties does
/// not stop the checks of the graph. Never part of a valid definition.
/// </summary>
internal sealed record UnreadNode(string Id) : JourneyNode(Id)
{
    /// <summary>The node's type as written, when it is one of the node types.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// Its links as written, each with the path of the field that makes it (relative to the node), when all of them
    /// could be read; <c>null</c> when any could not, so nothing is known of where the node leads.
    /// </summary>
    public IReadOnlyList<(string? Target, string Path)>? Links { get; init; }

    /// <summary>For a send node, the template it names, when that could be read.</summary>
    public string? Template { get; init; }

    /// <summary>True when its id could not be read either: it stands as <c>#index</c>, and no link can reach it.</summary>
    public bool Anonymous => Id.StartsWith('#');

    public override IEnumerable<string?> Successors => Links?.Select(link => link.Target) ?? [];
}
