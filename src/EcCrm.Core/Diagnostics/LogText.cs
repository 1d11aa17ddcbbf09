using System.Text.RegularExpressions;

namespace EcCrm.Core.Diagnostics;

/// <summary>
/// Free text that reaches a log from outside (a provider's refusal, an exception's message about a payload) may quote
/// an e-mail address; logs name customers by their key only, so such text goes through <see cref="WithoutAddresses"/>.
/// </summary>
public static partial class LogText
{
    public const string Redacted = "<address>";

    /// <summary><paramref name="text"/> with everything shaped like an e-mail address replaced by <see cref="Redacted"/>.</summary>
    public static string WithoutAddresses(string? text) => text is null ? string.Empty : Address().Replace(text, Redacted);

    [GeneratedRegex(@"[^\s<>""'(),;:\[\]]+@[^\s<>""'(),;:\[\]]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Address();
}
