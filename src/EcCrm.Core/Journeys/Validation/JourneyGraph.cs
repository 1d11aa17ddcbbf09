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
        && ReachableFrom(journey.Start).All(id => journey.Node(id) is not UnreadNode unread || (unread.Links is not null && (unread.Type != "send" || unread.Template is not null)));

    /// <summary>A node that waits (a delay or a waitFor), also when it could be read only in part.</summary>
    public static bool Waits(JourneyNode node) => node is DelayNode or WaitForNode or UnreadNode { Type: "delay" or "waitFor" };

    /// <summary>The template a send node sends, also when it could be read only in part; <c>null</c> for other nodes.</summary>
    public static string? TemplateSent(JourneyNode node) => node switch
    {
        SendNode send => send.Template,
        UnreadNode { Type: "send" } unread => unread.Template,
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
