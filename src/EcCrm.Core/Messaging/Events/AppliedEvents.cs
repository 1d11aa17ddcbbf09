namespace EcCrm.Core.Messaging.Events;

/// <summary>What applying one batch of provider events did: applied, seen in an earlier delivery, or without effect on EcCrm.</summary>
public sealed record AppliedEvents(int Applied, int Duplicates, int Skipped);
