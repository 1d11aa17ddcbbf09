using System.Globalization;
using System.Text.Json;

namespace EcCrm.Core.Json;

/// <summary>
/// A position in a JSON document that knows its own path and reports problems there. Mappers of provider
/// payloads read through it, so every error names the field, and a missing or null optional field is simply absent.
/// </summary>
public readonly struct JsonCursor
{
    private readonly JsonElement element;
    private readonly List<PayloadError> errors;

    private JsonCursor(JsonElement element, string path, List<PayloadError> errors)
    {
        this.element = element;
        Path = path;
        this.errors = errors;
    }

    public string Path { get; }

    /// <summary>True when the field is present and not <c>null</c>.</summary>
    public bool HasValue => element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    public JsonValueKind Kind => element.ValueKind;

    public static JsonCursor Root(JsonElement root, List<PayloadError> errors) => new(root, "$", errors);

    public JsonCursor this[string name] =>
        new(element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default, ChildPath(name), errors);

    public IEnumerable<JsonCursor> Items()
    {
        if (!HasValue)
        {
            yield break;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            Fail($"must be an array, not {Describe(element)}");
            yield break;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            yield return new JsonCursor(item, $"{Path}[{index++}]", errors);
        }
    }

    public bool IsObject(bool required = true)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        if (HasValue || required)
        {
            Fail(HasValue ? $"must be an object, not {Describe(element)}" : "is required");
        }

        return false;
    }

    /// <summary>A string; a number is accepted and kept as written (platforms send ids either way).</summary>
    public string? Text(bool required = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return Missing(required, "must not be empty");
                }

                return text.Trim();
            case JsonValueKind.Number:
                return element.GetRawText();
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return Missing(required, "is required");
            default:
                Fail($"must be a string, not {Describe(element)}");
                return null;
        }
    }

    /// <summary>A string, number or boolean as the payload wrote it, without judging it (for evidence); <c>null</c> for anything else.</summary>
    public string? Written() => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    /// <summary>A number, or a string holding one in invariant culture (Shopify and WooCommerce send prices as strings).</summary>
    public decimal? Number(bool required = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                return number;
            case JsonValueKind.String when decimal.TryParse(element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonValueKind.String when string.IsNullOrWhiteSpace(element.GetString()):
                return MissingValue<decimal>(required, "must not be empty");
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return MissingValue<decimal>(required, "is required");
            default:
                Fail($"must be a number or a string holding one, not {Describe(element)}");
                return null;
        }
    }

    public int? WholeNumber(bool required = false)
    {
        var value = Number(required);
        if (value is null)
        {
            return null;
        }

        if (value != decimal.Truncate(value.Value) || value < int.MinValue || value > int.MaxValue)
        {
            Fail($"must be a whole number, not {value.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (int)value.Value;
    }

    /// <summary>A boolean; also <c>"yes"/"no"</c>, <c>"true"/"false"</c> and <c>"1"/"0"</c> as plug-ins write them.</summary>
    public bool? YesNo()
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return element.GetRawText() != "0";
            case JsonValueKind.String:
                switch (element.GetString()?.Trim().ToLowerInvariant())
                {
                    case "yes" or "true" or "1" or "on":
                        return true;
                    case "no" or "false" or "0" or "off" or "":
                        return false;
                }

                Fail($"must be true or false, not \"{element.GetString()}\"");
                return null;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            default:
                Fail($"must be true or false, not {Describe(element)}");
                return null;
        }
    }

    /// <summary>An ISO 8601 timestamp. One without an offset is read as UTC when <paramref name="assumeUtc"/> is set, else rejected.</summary>
    public DateTimeOffset? Timestamp(bool required = false, bool assumeUtc = false)
    {
        var text = Text(required);
        if (text is null)
        {
            return null;
        }

        var styles = DateTimeStyles.AllowWhiteSpaces | (assumeUtc ? DateTimeStyles.AssumeUniversal : DateTimeStyles.None);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var value)
            && (assumeUtc || HasExplicitOffset(text)))
        {
            return value;
        }

        Fail($"must be an ISO 8601 timestamp with a time zone offset, such as 2026-03-01T09:30:00+09:00, not \"{text}\"");
        return null;
    }

    public void Fail(string message) => errors.Add(new PayloadError(Path, message));

    private string? Missing(bool required, string message)
    {
        if (required)
        {
            Fail(message);
        }

        return null;
    }

    private T? MissingValue<T>(bool required, string message)
        where T : struct
    {
        if (required)
        {
            Fail(message);
        }

        return null;
    }

    private string ChildPath(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{Path}.{name}" : $"{Path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static bool HasExplicitOffset(string text)
    {
        var timeStart = text.IndexOfAny(['T', 't', ' '], Math.Min(8, text.Length));
        if (timeStart < 0)
        {
            return false; // a date without a time
        }

        var time = text[(timeStart + 1)..].TrimEnd();
        return time.EndsWith('Z') || time.EndsWith('z') || time.IndexOfAny(['+', '-']) > 0;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(value.GetString())}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        _ => "nothing",
    };

    private static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}
