namespace EcCrm.Core.Tracking;

/// <summary>
/// One request to the track API as a host received it: headers, raw body, the storefront's write key if it sent one, and
/// whether the host found the API key in it.
/// </summary>
public sealed record TrackDelivery(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, string? WriteKey, bool ApiKeyVerified)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
