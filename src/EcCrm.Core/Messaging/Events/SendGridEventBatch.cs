using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Events;

/// <summary>
/// Reads SendGrid's event webhook body: a JSON array of events, custom args at the top level of each. Every problem is
/// reported with its JSON path; event types EcCrm does not know are skipped, not refused.
/// </summary>
public static class SendGridEventBatch
{
    private static readonly Dictionary<string, ProviderEventType> Types = new(StringComparer.Ordinal)
    {
        ["processed"] = ProviderEventType.Processed,
        ["delivered"] = ProviderEventType.Delivered,
        ["deferred"] = ProviderEventType.Deferred,
        ["dropped"] = ProviderEventType.Dropped,
        ["bounce"] = ProviderEventType.Bounce,
        ["open"] = ProviderEventType.Open,
        ["click"] = ProviderEventType.Click,
        ["spamreport"] = ProviderEventType.SpamReport,
        ["unsubscribe"] = ProviderEventType.Unsubscribe,
        ["group_unsubscribe"] = ProviderEventType.GroupUnsubscribe,
        ["group_resubscribe"] = ProviderEventType.GroupResubscribe,
    };

    /// <summary>The largest event taken, in bytes of JSON. SendGrid's are well under a kilobyte, custom args included.</summary>
    public const int MaxEventBytes = 16 * 1024;

    /// <summary>The event's name as SendGrid writes it (<c>spamreport</c>, <c>group_unsubscribe</c>).</summary>
    public static string NameOf(ProviderEventType type) => Types.First(pair => pair.Value == type).Key;

    public static (IReadOnlyList<ProviderEvent> Events, IReadOnlyList<PayloadError> Errors) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return ([], [new PayloadError($"$ (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})", "is not valid JSON")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], [new PayloadError("$", "must be an array of events")]);
            }

            var events = new List<ProviderEvent>();
            var errors = new List<PayloadError>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var path = $"$[{index++}]";
                if (JsonMarshal.GetRawUtf8Value(element).Length > MaxEventBytes)
                {
                    errors.Add(new PayloadError(path, $"is larger than {MaxEventBytes} bytes; no SendGrid event is"));
                }
                else if (Read(element, path, errors) is { } read)
                {
                    events.Add(read);
                }
            }

            return (events, errors);
        }
    }

    /// <summary>
    /// Splits a batch that <see cref="Parse"/> read without error into JSON arrays of whole events, each at most
    /// <paramref name="maxBytes"/> long (at least <see cref="MaxEventBytes"/> + 2), so it fits in a queue message.
    /// </summary>
    public static IReadOnlyList<string> Split(ReadOnlyMemory<byte> body, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MaxEventBytes + 2);
        using var document = JsonDocument.Parse(body);
        var parts = new List<string>();
        var part = new List<byte>(Math.Min(maxBytes, body.Length + 2)) { (byte)'[' };
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            if (part.Count > 1 && part.Count + 1 + raw.Length + 1 > maxBytes)
            {
                parts.Add(Close(part));
                part.Clear();
                part.Add((byte)'[');
            }

            if (part.Count > 1)
            {
                part.Add((byte)',');
            }

            part.AddRange(raw);
        }

        if (part.Count > 1)
        {
            parts.Add(Close(part));
        }

        return parts;

        static string Close(List<byte> part)
        {
            part.Add((byte)']');
            return Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(part));
        }
    }

    private static ProviderEvent? Read(JsonElement element, string path, List<PayloadError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new PayloadError(path, "must be an object"));
            return null;
        }

        var before = errors.Count;
        var type = String(element, "event");
        var email = String(element, "email");
        DateTimeOffset? at = element.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.Number && timestamp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        if (type is null)
        {
            errors.Add(new PayloadError($"{path}.event", "is required and must be a string"));
        }

        if (email is null)
        {
            errors.Add(new PayloadError($"{path}.email", "is required and must be a string"));
        }

        if (at is null)
        {
            errors.Add(new PayloadError($"{path}.timestamp", "is required and must be a unix time in seconds"));
        }

        if (errors.Count > before || !Types.TryGetValue(type!, out var known))
        {
            return null;
        }

        return new ProviderEvent
        {
            Type = known,
            Email = email!,
            At = at!.Value,
            MessageId = String(element, "sg_message_id"),
            Send = Reference(element),
            Reason = String(element, "reason"),
            BounceType = String(element, "type"),
            Url = String(element, "url"),
            AsmGroupId = element.TryGetProperty("asm_group_id", out var group) && group.ValueKind == JsonValueKind.Number && group.TryGetInt32(out var id) ? id : null,
        };
    }

    private static SendReference? Reference(JsonElement element) =>
        String(element, EmailComposer.IdempotencyKeyArg) is { } key && CustomerKey.TryParse(String(element, EmailComposer.CustomerKeyArg), out var customer)
            ? new SendReference(customer, key, String(element, EmailComposer.EnrollmentIdArg), String(element, EmailComposer.TemplateIdArg))
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>SendGrid's signature timestamp header: unix seconds.</summary>
    public static DateTimeOffset? ReadTimestamp(string? header) =>
        long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
