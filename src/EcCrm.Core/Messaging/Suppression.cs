namespace EcCrm.Core.Messaging;

/// <summary>One suppression of an address. <see cref="Group"/> is a subscription group, or <c>null</c> for all marketing.</summary>
public sealed record Suppression(SuppressionKind Kind, string? Group, DateTimeOffset At, string? Reason)
{
    /// <summary>
    /// Whether this suppression stops a send: hard bounces and invalid addresses stop everything; unsubscribes and spam
    /// reports stop marketing (an unsubscribe from one group only that group), never a transactional message.
    /// </summary>
    public bool Blocks(bool transactional, string subscriptionGroup) => Kind switch
    {
        SuppressionKind.Bounced or SuppressionKind.Invalid => true,
        _ when transactional => false,
        SuppressionKind.Unsubscribed when Group is not null => string.Equals(Group, subscriptionGroup, StringComparison.OrdinalIgnoreCase),
        _ => true,
    };
}
