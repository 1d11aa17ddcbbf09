using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// A place in a journey document that knows its JSON path and reports mistakes there in plain sentences. Every read
/// is strict (wrong types and unknown properties are errors) because a journey is written by a person, not a platform.
/// </summary>
internal readonly struct JsonSpot
{
    private readonly JsonElement element;
    private readonly List<JourneyError> errors;

    private JsonSpot(JsonElement element, string path, string name, List<JourneyError> errors)
    {
        this.element = element;
        Path = path;
        Name = name;
        this.errors = errors;
    }

    public string Path { get; }

    /// <summary>The property name or array item this spot stands for, as written in messages.</summary>
    public string Name { get; }

    public bool Exists => element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    public JsonValueKind Kind => element.ValueKind;

    public JsonElement Element => element;

    public int ErrorCount => errors.Count;

    public static JsonSpot Root(JsonElement root, List<JourneyError> errors) => new(root, "$", "the journey", errors);

    public JsonSpot this[string name] =>
        new(element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default, ChildPath(name), $"\"{name}\"", errors);

    public bool Has(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null;

    /// <summary>True when this is an object; reports unknown properties (with a suggestion) and a missing or mistyped object.</summary>
    public bool Object(string? missing, params IReadOnlyList<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (Exists)
            {
                Fail($"{Name} must be an object ({{ … }}), not {Describe(element)}.");
            }
            else if (missing is not null)
            {
                Fail($"Missing {Name}: {missing}.");
            }

            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                this[property.Name].Fail($"Unknown property \"{property.Name}\".", Suggestions.DidYouMean(property.Name, allowed, $"Allowed here: {string.Join(", ", allowed)}."));
            }
        }

        return true;
    }

    public IReadOnlyList<JsonSpot> Array(string? missing, int minItems = 0, string? tooFew = null)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            if (Exists)
            {
                Fail($"{Name} must be a list ([ … ]), not {Describe(element)}.");
            }
            else if (missing is not null)
            {
                Fail($"Missing {Name}: {missing}.");
            }

            return [];
        }

        var items = new List<JsonSpot>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            items.Add(new JsonSpot(item, $"{Path}[{index}]", $"item {index + 1} of {Name}", errors));
            index++;
        }

        if (items.Count < minItems)
        {
            Fail(tooFew ?? $"{Name} needs at least {minItems} item{(minItems == 1 ? string.Empty : "s")}.");
        }

        return items;
    }

    public string? String(string? missing, Regex? pattern = null, string? patternHint = null)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            if (text.Length == 0)
            {
                Fail($"{Name} must not be empty.");
                return null;
            }

            if (pattern is not null && !pattern.IsMatch(text))
            {
                Fail($"{Name} must be {patternHint}, not \"{Truncate(text)}\".");
                return null;
            }

            return text;
        }

        MissingOrWrong(missing, "a string in quotes");
        return null;
    }

    public int? Int(string? missing, int min, int max)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (!element.TryGetInt32(out var value))
            {
                Fail($"{Name} must be a whole number, not {element.GetRawText()}.");
                return null;
            }

            if (value < min || value > max)
            {
                Fail($"{Name} must be between {min} and {max}, not {value}.");
                return null;
            }

            return value;
        }

        MissingOrWrong(missing, "a whole number");
        return null;
    }

    public decimal? Decimal(string? missing, decimal min, decimal max)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value))
        {
            if (value < min || value > max)
            {
                Fail($"{Name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {element.GetRawText()}.");
                return null;
            }

            return value;
        }

        MissingOrWrong(missing, "a number");
        return null;
    }

    public bool? Bool()
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                MissingOrWrong(null, "true or false");
                return null;
        }
    }

    public T? Choice<T>(string? missing, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = String(missing);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Fail($"{Name} must be one of {string.Join(", ", choices.Keys)}; \"{Truncate(text)}\" is not one of them.", Suggestions.DidYouMean(text, choices.Keys, string.Empty) is { Length: > 0 } fix ? fix : null);
        return null;
    }

    public void Fail(string message, string? fix = null) => errors.Add(new JourneyError(Path, message, fix));

    private void MissingOrWrong(string? missing, string expected)
    {
        if (Exists)
        {
            Fail($"{Name} must be {expected}, not {Describe(element)}.");
        }
        else if (missing is not null)
        {
            Fail($"Missing {Name}: {missing}.");
        }
    }

    private string ChildPath(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{Path}.{name}" : $"{Path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{Truncate(value.GetString())}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        _ => "nothing",
    };

    private static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}
