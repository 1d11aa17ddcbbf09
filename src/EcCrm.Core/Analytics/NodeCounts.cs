namespace EcCrm.Core.Analytics;

/// <summary>
/// What happened at one node: sends and engagement for send nodes (and why sends were deferred or blocked), branches
/// taken, actions.
/// </summary>
public sealed record NodeCounts(string NodeId, int Sent, int Delivered, int Opened, int Clicked, int Deferred, int Blocked, int Branches, int Actions, int ExitedHere)
{
    /// <summary>The node's type as the journey file writes it (send, delay, waitFor, split, experiment, action, exit); <c>null</c> for a node the current version no longer has.</summary>
    public string? Type { get; init; }

    /// <summary>The template a send node sends.</summary>
    public string? Template { get; init; }

    /// <summary>Enrollments that came to the node (any event there).</summary>
    public int Reached { get; init; }

    /// <summary>Blocked sends by reason (no marketing consent, suppressed …).</summary>
    public IReadOnlyDictionary<string, int> BlockedBy { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Deferrals by reason (quiet hours, frequency cap …); a send deferred twice counts twice.</summary>
    public IReadOnlyDictionary<string, int> DeferredBy { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
