namespace EcCrm.Core.Messaging;

/// <summary>What a <see cref="SendTransition"/> does to a ledger row: write it, leave it (it already says so), or refuse.</summary>
public abstract record SendStep
{
    private SendStep()
    {
    }

    /// <summary>Store <paramref name="Next"/> (added when there was no row, else replaced if the row is still at its version).</summary>
    public sealed record Write(SendRecord Next) : SendStep;

    /// <summary>The row already reflects the transition; nothing to write.</summary>
    public sealed record Keep : SendStep;

    /// <summary>The transition is not allowed from the row's status (another attempt or the provider got there first).</summary>
    public sealed record Refuse : SendStep;
}
