namespace EcCrm.Core.Messaging;

/// <summary>The row after a transition (as written, or as found when nothing was written; <c>null</c>: no row) and what happened.</summary>
public sealed record SendLedgerResult(SendRecord? Record, SendLedgerChange Change)
{
    public bool Written => Change == SendLedgerChange.Written;
}
