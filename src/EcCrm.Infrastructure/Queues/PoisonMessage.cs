using System.Text.Json;
using EcCrm.Core.Json;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// What lands in <c>&lt;queue&gt;-poison</c>: the original message body with why and when it failed, so it can be
/// understood and replayed. A poison message written by the Functions runtime itself is the bare body; both are read.
/// </summary>
public sealed record PoisonMessage(string Queue, string Reason, long DequeueCount, DateTimeOffset FailedAt, string MessageId, string Body)
{
    public string ToJson() => JsonSerializer.Serialize(this, EcCrmJson.Options);

    /// <summary>Reads an envelope, or wraps a bare body (as the Functions runtime writes it) with an unknown reason.</summary>
    public static PoisonMessage Parse(string text, string queue, string messageId)
    {
        try
        {
            if (JsonSerializer.Deserialize<PoisonMessage>(text, EcCrmJson.Options) is { Body: not null, Reason: not null } envelope)
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
            // Not an envelope.
        }

        return new PoisonMessage(queue, "(moved by the Functions runtime; see Application Insights for the reason)", 0, default, messageId, text);
    }
}
