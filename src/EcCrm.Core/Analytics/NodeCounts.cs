namespace EcCrm.Core.Analytics;

/// <summary>What happened at one node: sends and engagement for send nodes, branches taken, actions.</summary>
public sealed record NodeCounts(string NodeId, int Sent, int Delivered, int Opened, int Clicked, int Deferred, int Blocked, int Branches, int Actions, int ExitedHere);
