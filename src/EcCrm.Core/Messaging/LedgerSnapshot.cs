namespace EcCrm.Core.Messaging;

/// <summary>
/// What a send reads of its customer's ledger partition in one call: the row of its own idempotency key, and when the
/// customer was last sent marketing e-mail that may have gone out (for the frequency cap).
/// </summary>
/// <param name="Row">The row of the send's key with its version, or <c>null</c>.</param>
/// <param name="RecentMarketingSends">Empty when no frequency window was asked for.</param>
public sealed record LedgerSnapshot(SendRecord? Row, IReadOnlyList<DateTimeOffset> RecentMarketingSends);
