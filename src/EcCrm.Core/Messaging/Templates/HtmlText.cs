using System.Net;
using System.Text.RegularExpressions;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>The plain-text part of an e-mail made from its HTML, when the template has no text part of its own.</summary>
public static partial class HtmlText
{
    public static string From(string html)
    {
        var text = HeadOrStyle().Replace(html, string.Empty);
        text = Link().Replace(text, match => Says(match.Groups["href"].Value, match.Groups["text"].Value)
            ? match.Groups["text"].Value
            : $"{match.Groups["text"].Value} ({match.Groups["href"].Value})");
        text = LineBreak().Replace(text, "\n");
        text = CellEnd().Replace(text, " "); // cells side by side (a row of answer links) stay apart
        text = Tag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>Whether a link's text already says where it goes (an address written out), so it needs no repeating.</summary>
    private static bool Says(string href, string text) =>
        string.Equals(href, text, StringComparison.OrdinalIgnoreCase) || string.Equals(href, "mailto:" + text, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"<(head|style|script)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HeadOrStyle();

    [GeneratedRegex(@"<a\b[^>]*\bhref=""(?<href>[^""]*)""[^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"<br\s*/?>|</(p|h[1-6]|li|tr|div|table)>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</t[dh]>", RegexOptions.IgnoreCase)]
    private static partial Regex CellEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
