using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcCrm.Core.Json;

/// <summary>The one JSON shape EcCrm writes: camelCase names, enums as camelCase strings.</summary>
public static class EcCrmJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new CustomerKeyJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
