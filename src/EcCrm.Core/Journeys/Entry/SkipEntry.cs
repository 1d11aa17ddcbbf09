namespace EcCrm.Core.Journeys.Entry;

/// <summary>Not now, and why (in words an operator understands), with the <see cref="EntryStage"/> that held the customer back.</summary>
public sealed record SkipEntry(string Reason, EntryStage Stage = EntryStage.Trigger) : EntryDecision;
