using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Surveys;

/// <summary>
/// Survey answer links that cannot be forged or altered, as unsubscribe links (<see cref="UnsubscribeTokens"/>) and signed
/// with the same keys (rotation included), but under a MAC of their own purpose, so neither kind of token reads as the
/// other. A token is version, key id, the e-mail's time (Unix seconds), the question kind and follow-up flag, the answer
/// and the send's idempotency key, then an HMAC-SHA256 over all of them (base64url, read strictly, compared in constant time).
/// </summary>
public sealed class SurveyTokens(IOptions<UnsubscribeOptions> options)
{
    private const byte Version = 1;
    private const int MacLength = 16;
    private const int HeaderLength = 1 + 1 + 8 + 1;
    private const int MaxTextBytes = byte.MaxValue;
    private const byte FollowUpFlag = 0x80;
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("eccrm-survey-answer\0");

    private readonly Lazy<Dictionary<int, byte[]>> keys = new(() => UnsubscribeTokens.KeysById(options.Value));

    public string Create(SurveyLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var answer = Encoding.UTF8.GetBytes(link.Answer);
        var key = Encoding.UTF8.GetBytes(link.IdempotencyKey);
        if (answer.Length is 0 or > MaxTextBytes || key.Length is 0 or > MaxTextBytes)
        {
            throw new ArgumentException($"A survey link's answer and key are 1 to {MaxTextBytes} bytes.", nameof(link));
        }

        var keyId = options.Value.SigningKeyId;
        var payload = new byte[HeaderLength + 1 + answer.Length + 1 + key.Length];
        payload[0] = Version;
        payload[1] = (byte)keyId;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(2), link.IssuedAt.ToUnixTimeSeconds());
        payload[10] = (byte)((byte)link.Kind | (link.FollowUp ? FollowUpFlag : 0));
        payload[HeaderLength] = (byte)answer.Length;
        answer.CopyTo(payload, HeaderLength + 1);
        payload[HeaderLength + 1 + answer.Length] = (byte)key.Length;
        key.CopyTo(payload, HeaderLength + 2 + answer.Length);

        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        Mac(keys.Value[keyId], payload).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.Encode(token);
    }

    /// <summary>The page an answer link opens: <c>{BaseUrl}/survey?token=…</c>.</summary>
    public Uri LinkFor(SurveyLink link) => new(options.Value.BaseUrl!, $"survey?token={Create(link)}");

    /// <summary>What the token says, or <c>null</c> when it was not made here or was changed in any way.</summary>
    public SurveyLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || !Base64Url.TryDecodeStrictly(token, out var bytes) || bytes.Length < HeaderLength + 4 + MacLength || bytes[0] != Version)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!keys.Value.TryGetValue(payload[1], out var key) || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(payload.Length), Mac(key, payload)))
        {
            return null;
        }

        var answerLength = payload[HeaderLength];
        var keyAt = HeaderLength + 1 + answerLength;
        if (payload.Length <= keyAt || payload.Length != keyAt + 1 + payload[keyAt] || (payload[10] & ~FollowUpFlag) is not ((byte)SurveyKind.Nps or (byte)SurveyKind.Choice))
        {
            return null;
        }

        var issued = BinaryPrimitives.ReadInt64BigEndian(payload[2..]);
        var idempotencyKey = Encoding.UTF8.GetString(payload.Slice(keyAt + 1, payload[keyAt]));
        if (issued < 0 || issued > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || EnrollmentIds.FromIdempotencyKey(idempotencyKey) is null)
        {
            return null;
        }

        return new SurveyLink(
            idempotencyKey,
            (SurveyKind)(payload[10] & ~FollowUpFlag),
            Encoding.UTF8.GetString(payload.Slice(HeaderLength + 1, answerLength)),
            DateTimeOffset.FromUnixTimeSeconds(issued),
            (payload[10] & FollowUpFlag) != 0);
    }

    private static byte[] Mac(byte[] key, ReadOnlySpan<byte> payload)
    {
        var message = new byte[Purpose.Length + payload.Length];
        Purpose.CopyTo(message, 0);
        payload.CopyTo(message.AsSpan(Purpose.Length));
        return HMACSHA256.HashData(key, message)[..MacLength];
    }
}
