using EcCrm.Core.Json;

namespace EcCrm.Core.Webhooks.Mapping;

/// <summary>The consent fields of a payload as written, by JSON path: the evidence a consent record keeps.</summary>
internal static class ConsentFields
{
    public static IReadOnlyDictionary<string, string> Of(params JsonCursor[] fields)
    {
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Written() is { } written)
            {
                evidence[field.Path] = written;
            }
        }

        return evidence;
    }
}
