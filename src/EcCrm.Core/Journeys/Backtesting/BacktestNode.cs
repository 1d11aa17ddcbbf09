namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// What one send node would have done: e-mails sent, e-mails held back (each counted once, however often quiet hours or
/// the cap deferred it) of which some were still waiting when the period ended, and e-mails blocked, by reason
/// (no marketing consent, address suppressed …).
/// </summary>
public sealed record BacktestNode(string NodeId, string Template, int Sent, int Deferred, int StillWaiting, IReadOnlyDictionary<string, int> Blocked);
