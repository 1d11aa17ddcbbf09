using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcCrm.Core.Webhooks;

/// <summary>
/// HMAC-SHA256 webhook signatures, always compared in constant time. Shopify and WooCommerce send the base64
/// HMAC of the raw body; EcCrm's generic format signs <c>"{unix seconds}.{body}"</c> and sends it as hex with the
/// timestamp, so a captured delivery cannot be replayed outside the window.
/// </summary>
public static class WebhookSignatures
{
    public static string SignBase64(string secret, ReadOnlySpan<byte> body) => Convert.ToBase64String(Hmac(secret, body));

    public static bool VerifyBase64(string secret, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        Span<byte> provided = stackalloc byte[64];
        return Convert.TryFromBase64String(signature.Trim(), provided, out var written)
            && CryptographicOperations.FixedTimeEquals(provided[..written], Hmac(secret, body));
    }

    public static string SignTimestamped(string secret, ReadOnlySpan<byte> body, DateTimeOffset timestamp)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Hmac(secret, TimestampedPayload(seconds, body)))}";
    }

    public static TimestampedSignatureCheck VerifyTimestamped(
        string secret, ReadOnlySpan<byte> body, string? header, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return TimestampedSignatureCheck.Missing;
        }

        long? seconds = null;
        var candidates = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                return TimestampedSignatureCheck.Malformed;
            }

            switch (pair[0])
            {
                case "t" when long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t):
                    seconds = t;
                    break;
                case "v1" when pair[1].Length == 64 && pair[1].All(char.IsAsciiHexDigit):
                    candidates.Add(Convert.FromHexString(pair[1]));
                    break;
                case "t" or "v1":
                    return TimestampedSignatureCheck.Malformed;
            }
        }

        if (seconds is not { } signedAt || candidates.Count == 0)
        {
            return TimestampedSignatureCheck.Malformed;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - signedAt) > window.TotalSeconds)
        {
            return TimestampedSignatureCheck.OutsideReplayWindow;
        }

        var expected = Hmac(secret, TimestampedPayload(signedAt, body));
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= CryptographicOperations.FixedTimeEquals(candidate, expected); // check all: no early exit
        }

        return matched ? TimestampedSignatureCheck.Valid : TimestampedSignatureCheck.Mismatch;
    }

    private static byte[] Hmac(string secret, ReadOnlySpan<byte> data) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);

    private static byte[] TimestampedPayload(long seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return payload;
    }
}
