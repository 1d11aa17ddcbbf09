namespace EcCrm.Core.Journeys.Entry;

/// <summary>Not now, and why (in words an operator understands).</summary>
public sealed record SkipEntry(string Reason) : EntryDecision;
