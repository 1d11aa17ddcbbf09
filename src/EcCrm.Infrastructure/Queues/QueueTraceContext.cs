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

    /// <summary>The <c>traceparent</c> a message body carries, if any.</summary>
    public static string? Read(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(Field, out var field) && field.ValueKind == JsonValueKind.String
            ? field.GetString()
            : null;
}
