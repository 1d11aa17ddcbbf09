using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging;

/// <summary>
/// Unsubscribe links that never expire but cannot be forged: the token is the id of the key that signed it, the
/// customer key and the subscription group, with an HMAC-SHA256 over all of them (base64url). The key id lets the
/// signing key be rotated: links signed with a previous key keep working while it is listed. Tokens are read strictly
/// (only the one canonical encoding of the bytes) and the MAC is checked in constant time; any change to the token
/// makes it invalid.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<UnsubscribeOptions> options)
{
    /// <summary>The lowest key id; links made before tokens carried key ids were signed with this key.</summary>
    public const int FirstKeyId = 1;

    public const int LastKeyId = byte.MaxValue;

    /// <summary>The first format: version, customer, group, MAC, with no key id.</summary>
    private const byte FormerVersion = 1;

    private const byte Version = 2;
    private const int MacLength = 16;
    private const int CustomerLength = 16;
    private const int MaxGroupBytes = 64;

    private readonly Lazy<Dictionary<int, byte[]>> keys = new(() => KeysById(options.Value));

    public string Create(CustomerKey customer, string? group)
    {
        var keyId = options.Value.SigningKeyId;
        var groupBytes = Encoding.UTF8.GetBytes(group ?? string.Empty);
        if (groupBytes.Length > MaxGroupBytes)
        {
            throw new ArgumentException($"A subscription group name is at most {MaxGroupBytes} bytes.", nameof(group));
        }

        var payload = new byte[3 + CustomerLength + groupBytes.Length];
        payload[0] = Version;
        payload[1] = (byte)keyId;
        Convert.FromHexString(customer.Value).CopyTo(payload, 2);
        payload[2 + CustomerLength] = (byte)groupBytes.Length;
        groupBytes.CopyTo(payload, 3 + CustomerLength);

        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        Mac(keys.Value[keyId], payload).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.Encode(token);
    }

    public Uri LinkFor(CustomerKey customer, string? group) =>
        new(options.Value.BaseUrl!, $"unsubscribe?token={Create(customer, group)}");

    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512 || !Base64Url.TryDecodeStrictly(token, out var bytes) || bytes.Length < 2 + CustomerLength + MacLength)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        var (keyId, customerAt) = payload[0] switch
        {
            Version => (payload[1], 2),
            FormerVersion => (FirstKeyId, 1),
            _ => (-1, 0),
        };
        if (!keys.Value.TryGetValue(keyId, out var key)
            || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(payload.Length), Mac(key, payload)))
        {
            return null;
        }

        var groupAt = customerAt + CustomerLength + 1;
        if (payload.Length < groupAt || payload.Length != groupAt + payload[groupAt - 1]
            || !CustomerKey.TryParse(Convert.ToHexStringLower(payload.Slice(customerAt, CustomerLength)), out var customer))
        {
            return null;
        }

        var groupLength = payload[groupAt - 1];
        return new UnsubscribeRequest(customer, groupLength == 0 ? null : Encoding.UTF8.GetString(payload.Slice(groupAt, groupLength)));
    }

    private static byte[] Mac(byte[] key, ReadOnlySpan<byte> payload) => HMACSHA256.HashData(key, payload)[..MacLength];

    /// <summary>The signing keys by id: the current one and those kept for links already sent.</summary>
    internal static Dictionary<int, byte[]> KeysById(UnsubscribeOptions settings)
    {
        var byId = settings.PreviousKeys.Where(previous => previous.Key is not null).ToDictionary(previous => previous.Id, previous => Encoding.UTF8.GetBytes(previous.Key!));
        byId[settings.SigningKeyId] = Encoding.UTF8.GetBytes(settings.SigningKey ?? throw new InvalidOperationException($"Setting '{UnsubscribeOptions.SectionName}:{nameof(UnsubscribeOptions.SigningKey)}' is missing."));
        return byId;
    }
}
