namespace EcCrm.Core.Messaging;

/// <summary>Unpadded base64url, as signed links carry their tokens.</summary>
internal static class Base64Url
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
