using System.Text;
using System.Text.Json;

namespace EcCrm.Testing;

/// <summary>Realistic webhook bodies (Payloads/*.json): many ignored fields, nulls, prices as strings, guest checkouts.</summary>
public static class Payloads
{
    public const string ShopifyPresentment = "shopify-order-presentment.json";
    public const string ShopifyGuestPending = "shopify-guest-pending.json";
    public const string WooCommerce = "woocommerce-order.json";
    public const string Generic = "generic-order.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));

    public static byte[] Bytes(string name) => Encoding.UTF8.GetBytes(Text(name));

    public static JsonElement Json(string name) => Parse(Text(name));

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The payload with top-level or nested values replaced, e.g. ("$.id", 99) — for variations in tests.</summary>
    public static string With(string name, params (string Path, object? Value)[] changes)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Text(name))!;
        foreach (var (path, value) in changes)
        {
            var parts = path.TrimStart('$', '.').Split('.');
            var parent = node;
            foreach (var part in parts[..^1])
            {
                parent = part.EndsWith(']') ? parent[part[..part.IndexOf('[')]]![int.Parse(part[(part.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
            }

            parent[parts[^1]] = value is null ? null : System.Text.Json.Nodes.JsonValue.Create(value);
        }

        return node.ToJsonString();
    }
}
