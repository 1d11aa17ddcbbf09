namespace EcCrm.Core.Messaging;

/// <summary>
/// One e-mail ready for a provider. <see cref="CustomArgs"/> travel with the message and come back on every event
/// (idempotency key, enrollment id, journey, template): never personal data.
/// </summary>
public sealed record EmailMessage
{
    public required string ToAddress { get; init; }

    public string? ToName { get; init; }

    public required string FromAddress { get; init; }

    public required string FromName { get; init; }

    public string? ReplyTo { get; init; }

    public required string Subject { get; init; }

    public required string Html { get; init; }

    public required string Text { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>SendGrid's unsubscribe group (ASM), when the subscription group has one.</summary>
    public int? AsmGroupId { get; init; }

    /// <summary>The idempotency key of the send this message is.</summary>
    public required string IdempotencyKey { get; init; }
}
