using System.Globalization;

namespace EcCrm.Core.Profiles;

/// <summary>
/// A person's name as written in their own script. Names in Chinese characters, kana or hangul put the family name
/// first (山田 花子); names in other scripts put the given name first (Hanako Yamada), whatever language the e-mail is
/// in, as Unicode CLDR person-name formatting does when a name's own locale is not known.
/// </summary>
public static class PersonNames
{
    private const string Japanese = "ja";

    /// <summary>The full name in its script's order; <c>null</c> when neither part is known.</summary>
    public static string? Full(string? givenName, string? familyName)
    {
        var given = Clean(givenName);
        var family = Clean(familyName);
        return (given, family) switch
        {
            (null, null) => null,
            (var first, null) => first,
            (null, var last) => last,
            var (first, last) => FamilyNameFirst(first, last) ? $"{last} {first}" : $"{first} {last}",
        };
    }

    /// <summary>Whether the name is written in a script whose names put the family name first.</summary>
    public static bool FamilyNameFirst(string? givenName, string? familyName) =>
        IsEastAsian(givenName) || IsEastAsian(familyName);

    /// <summary>
    /// How an e-mail greets the customer: in Japanese the full name followed by 様 (山田 花子 様), or お客様 without a name;
    /// in English and every other language "Dear" and the given name (Dear Hanako), the family name when that is all
    /// there is, or "Dear customer".
    /// </summary>
    public static string Salutation(string? givenName, string? familyName, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.TwoLetterISOLanguageName == Japanese)
        {
            return Full(givenName, familyName) is { } name ? $"{name} 様" : "お客様";
        }

        return Clean(givenName) is { } given && !FamilyNameFirst(givenName, familyName) ? $"Dear {given}"
            : Full(givenName, familyName) is { } full ? $"Dear {full}"
            : "Dear customer";
    }

    private static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    private static bool IsEastAsian(string? text) => text is not null && text.Any(IsEastAsian);

    // Han ideographs, hiragana, katakana (full and half width) and hangul.
    private static bool IsEastAsian(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
        or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF66' and <= '\uFF9F') or (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF');
}
