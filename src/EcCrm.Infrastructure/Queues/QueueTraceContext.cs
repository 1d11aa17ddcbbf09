using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Diagnostics;

namespace EcCrm.Infrastructure.Queues;

/// <summary>
/// Carries the trace across a queue: the sender's W3C <c>traceparent</c> rides in the message's JSON object as a
/// <c>traceparent</c> field beside the payload's own (readers of the payload ignore it), and the consumer's span
/// continues that trace. A message without it (sent before tracing, or replayed from poison) starts a trace of its own.
/// </summary>
public static class QueueTraceContext
{
    public const string Field = "traceparent";

    /// <summary>The message body for <paramref name="value"/>, with the current trace's <c>traceparent</c> when one is being traced.</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options)
    {
        if (EcCrmTelemetry.CurrentTraceParent() is not { } traceParent || JsonSerializer.SerializeToNode(value, options) is not JsonObject body)
        {
            return JsonSerializer.Serialize(value, options);
        }

        body[Field] = traceParent;
        return body.ToJsonString(options);
    }

    /// <summary>
    /// A message body written by <see cref="Serialize{T}"/>, read back: the value, and the <c>traceparent</c> it carries.
    /// A body that is not JSON of <typeparamref name="T"/>, or is JSON null, is unprocessable: no retry can help it.
    /// </summary>
    /// <param name="what">What the message should hold, for the poison queue's reason ("a canonical order").</param>
    public static (T Value, string? TraceParent) Deserialize<T>(string body, JsonSerializerOptions options, string what)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Deserialize<T>(options) is { } value
                ? (value, Read(document.RootElement))
                : throw new UnprocessableMessageException($"The message is empty (JSON null), not {what}.");
        }
        catch (JsonException ex)
        {
            throw new UnprocessableMessageException($"The message is not {what}: {ex.Message}", ex);
        }
    }

    /// <summary>The <c>traceparent</c> a message body carries, if any.</summary>
    public static string? Read(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(Field, out var field) && field.ValueKind == JsonValueKind.String
            ? field.GetString()
            : null;
}
