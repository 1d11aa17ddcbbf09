using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Validation;

/// <summary>The nodes of a journey as a directed graph, for the validator's reachability and loop checks.</summary>
internal sealed class JourneyGraph
{
    private readonly JourneyDefinition journey;
    private bool? whole;

    public JourneyGraph(JourneyDefinition journey) => this.journey = journey;

    /// <summary>
    /// True when where every node leads is known: the start exists, every node has an id, and every node reached from
    /// the start was read at least as far as its links (and a send node as far as its template). The reachability and
    /// "sent before" checks need this; without it they would report what is missing only because it could not be read.
    /// </summary>
    public bool IsWhole => whole ??= journey.Node(journey.Start) is not null
        && !journey.Nodes.Any(node => node is UnreadNode { Anonymous: true })
        && ReachableFrom(journey.Start).All(id => journey.Node(id) is not UnreadNode unread || (unread.Links is not null && (unread.Type is not ("send" or "survey") || unread.Template is not null)));

    /// <summary>A node that waits (a delay or a waitFor), also when it could be read only in part.</summary>
    public static bool Waits(JourneyNode node) => node is DelayNode or WaitForNode or UnreadNode { Type: "delay" or "waitFor" };

    /// <summary>The template a send node sends, also when it could be read only in part; <c>null</c> for other nodes.</summary>
    public static string? TemplateSent(JourneyNode node) => node switch
    {
        SendNode send => send.Template,
        UnreadNode { Type: "send" or "survey" } unread => unread.Template,
        _ => null,
    };

    /// <summary>A node's outgoing links with the JSON path (relative to the node) of the field that makes each.</summary>
    public static IEnumerable<(string? Target, string Path)> Links(JourneyNode node)
    {
        switch (node)
        {
            case DelayNode delay:
                yield return (delay.Next, "next");
                break;
            case SendNode send:
                yield return (send.Next, "next");
                break;
            case ActionNode action:
                yield return (action.Next, "next");
                break;
            case WaitForNode wait:
                for (var i = 0; i < wait.Branches.Count; i++)
                {
                    yield return (wait.Branches[i].Next, $"branches[{i}].next");
                }

                yield return (wait.TimeoutNext, "timeoutNext");
                break;
            case SplitNode split:
                for (var i = 0; i < split.Branches.Count; i++)
                {
                    yield return (split.Branches[i].Next, $"branches[{i}].next");
                }

                yield return (split.Else, "else");
                break;
            case ExperimentNode experiment:
                for (var i = 0; i < experiment.Arms.Count; i++)
                {
                    yield return (experiment.Arms[i].Next, $"arms[{i}].next");
                }

                break;
            case UnreadNode { Links: { } links }:
                foreach (var link in links)
                {
                    yield return link;
                }

                break;
        }
    }

    public HashSet<string> ReachableFrom(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || journey.Node(id) is not { } node)
            {
                continue;
            }

            foreach (var next in node.Successors.OfType<string>())
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }

    /// <summary>Templates of send nodes on some path from the start to <paramref name="nodeId"/> (a loop counts: a later send precedes the next visit).</summary>
    public IReadOnlySet<string> TemplatesSentBefore(string nodeId)
    {
        var reachable = ReachableFrom(journey.Start);
        return journey.Nodes
            .Where(send => TemplateSent(send) is not null && reachable.Contains(send.Id) && send.Successors.OfType<string>().Any(next => ReachableFrom(next).Contains(nodeId)))
            .Select(send => TemplateSent(send)!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Loops a customer can reach and never leave for an end: an exit node, or a link left out (a node without "next").
    /// A path counts whatever its conditions, events or timeouts, as in reachability, except through an experiment:
    /// its arm sticks, so a customer who went into the loop by one arm never leaves it by another. Found as the nodes
    /// that cannot end for some arm (an experiment can end only when every arm can); each strongly connected group of
    /// them that waits somewhere is one loop. Loops that never wait are <see cref="LoopsWithoutWait"/>'s.
    /// A node that could not be read as far as its links counts as one that may end, and a link to no node as an end.
    /// </summary>
    public IReadOnlyList<EndlessLoop> LoopsWithoutEnd()
    {
        if (journey.Node(journey.Start) is null)
        {
            return [];
        }

        var nodes = journey.Nodes.Where((node, index) => journey.IndexOf(node.Id) == index).ToList();
        var canEnd = new HashSet<string>(StringComparer.Ordinal);
        bool Ends(string? target) => target is null || journey.Node(target) is null || canEnd.Contains(target);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in nodes.Where(node => !canEnd.Contains(node.Id)))
            {
                var ends = node switch
                {
                    ExitNode or UnreadNode { Type: "exit" } or UnreadNode { Links: null } => true,
                    ExperimentNode or UnreadNode { Type: "experiment" } => node.Successors.All(Ends),
                    _ => node.Successors.Any(Ends),
                };
                if (ends)
                {
                    canEnd.Add(node.Id);
                    changed = true;
                }
            }
        }

        var stuck = nodes.Where(node => !canEnd.Contains(node.Id)).Select(node => node.Id).Intersect(ReachableFrom(journey.Start)).ToHashSet(StringComparer.Ordinal);
        var loops = new List<EndlessLoop>();
        foreach (var group in StronglyConnected(stuck))
        {
            var closed = group.Count > 1 || journey.Node(group[0])!.Successors.Contains(group[0]);
            if (!closed || !group.Any(id => Waits(journey.Node(id)!)))
            {
                continue;
            }

            var sticky = new List<(string, string, string)>();
            foreach (var experiment in group.Select(id => journey.Node(id)).OfType<ExperimentNode>())
            {
                if (experiment.Arms.FirstOrDefault(arm => arm.Next is { } next && group.Contains(next)) is { } armIn
                    && experiment.Arms.FirstOrDefault(arm => Ends(arm.Next)) is { } armOut)
                {
                    sticky.Add((experiment.Id, armIn.Name, armOut.Name));
                }
            }

            loops.Add(new EndlessLoop(group, sticky));
        }

        return [.. loops.OrderBy(loop => journey.IndexOf(loop.Nodes[0]))];
    }

    /// <summary>The strongly connected groups (Tarjan) of the graph made of <paramref name="ids"/> and the links among them, each in written order.</summary>
    private List<List<string>> StronglyConnected(IReadOnlySet<string> ids)
    {
        var groups = new List<List<string>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);

        void Connect(string id)
        {
            index[id] = low[id] = index.Count;
            stack.Push(id);
            onStack.Add(id);
            foreach (var next in journey.Node(id)!.Successors.OfType<string>().Where(ids.Contains))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Connect(next);
                    low[id] = Math.Min(low[id], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[id] = Math.Min(low[id], seen);
                }
            }

            if (low[id] == index[id])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != id);
                groups.Add([.. group.OrderBy(journey.IndexOf)]);
            }
        }

        foreach (var id in ids.OrderBy(journey.IndexOf))
        {
            if (!index.ContainsKey(id))
            {
                Connect(id);
            }
        }

        return groups;
    }

    /// <summary>Loops made only of nodes that never wait (no delay, no waitFor), each reported once by its nodes in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> LoopsWithoutWait()
    {
        var loops = new List<IReadOnlyList<string>>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();

        void Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var next in journey.Node(id)!.Successors.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (journey.Node(next) is not { } node || Waits(node))
                {
                    continue;
                }

                if (state.GetValueOrDefault(next) == 1)
                {
                    var loop = stack.Skip(stack.IndexOf(next)).ToList();
                    if (loop.All(reported.Add))
                    {
                        loops.Add(loop);
                    }
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
        }

        foreach (var node in journey.Nodes.Where(node => !Waits(node)))
        {
            if (state.GetValueOrDefault(node.Id) == 0 && journey.IndexOf(node.Id) >= 0)
            {
                Visit(node.Id);
            }
        }

        return loops;
    }
}
