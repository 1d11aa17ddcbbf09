using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Header values as a person reads them: RFC 2047 encoded words (<c>=?utf-8?B?5bGx55Sw?=</c>, <c>=?utf-8?Q?Caf=C3=A9?=</c>)
/// decoded wherever they stand, and the space between two encoded words dropped, as mail clients do.
/// </summary>
public static partial class MimeHeader
{
    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, word => TryDecode(word.Groups["charset"].Value, word.Groups["encoding"].Value, word.Groups["text"].Value) ?? word.Value);
    }

    private static string? TryDecode(string charset, string encoding, string text)
    {
        try
        {
            var decoder = Encoding.GetEncoding(charset);
            return encoding.ToUpperInvariant() switch
            {
                "B" => decoder.GetString(Convert.FromBase64String(text)),
                _ => decoder.GetString(QuotedBytes(text)),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return null; // an unknown charset or a broken word stays as it came
        }
    }

    private static byte[] QuotedBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add(text[i] == '_' ? (byte)' ' : (byte)text[i]);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();
}
