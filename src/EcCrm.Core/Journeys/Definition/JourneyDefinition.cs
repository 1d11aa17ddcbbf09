namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// A parsed journey: who enters, when they leave, how sends are paced, and the graph of nodes they walk.
/// A published <see cref="Version"/> never changes; running enrollments stay on the version they entered.
/// Build one with <see cref="Validation.JourneyParser"/> or <see cref="Validation.JourneyValidator"/>.
/// </summary>
public sealed record JourneyDefinition
{
    private readonly IReadOnlyList<JourneyNode> nodes = [];
    private readonly Dictionary<string, int> indexById = new(StringComparer.Ordinal);

    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required EntryRules Entry { get; init; }

    /// <summary>What ends an enrollment early, checked on every input.</summary>
    public IReadOnlyList<ExitTrigger> Exit { get; init; } = [];

    public JourneyGoal? Goal { get; init; }

    public SendRules SendPolicy { get; init; } = SendRules.None;

    /// <summary>The id of the first node.</summary>
    public required string Start { get; init; }

    /// <summary>The nodes in the order they are written; a node's index is its position in <c>$.nodes</c>.</summary>
    public required IReadOnlyList<JourneyNode> Nodes
    {
        get => nodes;
        init
        {
            // A new index every time: a copy made with 'with' must not share (and so change) the original's.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < value.Count; i++)
            {
                index.TryAdd(value[i].Id, i);
            }

            nodes = value;
            indexById = index;
        }
    }

    /// <summary>The node with this id, or <c>null</c>.</summary>
    public JourneyNode? Node(string id) => indexById.TryGetValue(id, out var index) ? nodes[index] : null;

    /// <summary>The position of a node in <c>$.nodes</c>, or -1.</summary>
    public int IndexOf(string id) => indexById.TryGetValue(id, out var index) ? index : -1;

    public bool ExitsOn(ExitTrigger trigger) => Exit.Contains(trigger);
}
