using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging;

/// <summary>
/// Unsubscribe links that never expire but cannot be forged: the token is the customer key and the subscription group
/// with an HMAC-SHA256 over both (base64url). Read strictly (only the one canonical encoding of the bytes) and checked in
/// constant time; any change to the token makes it invalid.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<UnsubscribeOptions> options)
{
    private const byte Version = 1;
    private const int MacLength = 16;

    public string Create(CustomerKey customer, string? group)
    {
        var payload = Payload(customer, group);
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        Mac(payload).AsSpan(0, MacLength).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.Encode(token);
    }

    public Uri LinkFor(CustomerKey customer, string? group) =>
        new(options.Value.BaseUrl!, $"unsubscribe?token={Create(customer, group)}");

    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512 || !Base64Url.TryDecodeStrictly(token, out var bytes) || bytes.Length < 1 + 16 + 1 + MacLength)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(bytes.Length - MacLength), Mac(payload.ToArray()).AsSpan(0, MacLength)) || payload[0] != Version)
        {
            return null;
        }

        var customer = Convert.ToHexStringLower(payload.Slice(1, 16));
        var groupLength = payload[17];
        if (payload.Length != 18 + groupLength || !CustomerKey.TryParse(customer, out var key))
        {
            return null;
        }

        return new UnsubscribeRequest(key, groupLength == 0 ? null : Encoding.UTF8.GetString(payload.Slice(18, groupLength)));
    }

    private static byte[] Payload(CustomerKey customer, string? group)
    {
        var groupBytes = Encoding.UTF8.GetBytes(group ?? string.Empty);
        if (groupBytes.Length > 64)
        {
            throw new ArgumentException("A subscription group name is at most 64 bytes.", nameof(group));
        }

        var payload = new byte[18 + groupBytes.Length];
        payload[0] = Version;
        Convert.FromHexString(customer.Value).CopyTo(payload, 1);
        payload[17] = (byte)groupBytes.Length;
        groupBytes.CopyTo(payload, 18);
        return payload;
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey!), payload);

    private static class Base64Url
    {
        public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        /// <summary>
        /// Decodes unpadded base64url, accepting only the encoding <see cref="Encode"/> produces: base64 ignores the
        /// unused low bits of the last character, so without this check several tokens would read as one.
        /// </summary>
        public static bool TryDecodeStrictly(string text, out byte[] bytes)
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            bytes = new byte[padded.Length];
            if (!Convert.TryFromBase64String(padded, bytes, out var written))
            {
                return false;
            }

            bytes = bytes[..written];
            return string.Equals(Encode(bytes), text, StringComparison.Ordinal);
        }
    }
}
