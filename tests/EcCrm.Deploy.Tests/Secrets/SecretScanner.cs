using System.Text.RegularExpressions;

namespace EcCrm.Deploy.Tests.Secrets;

/// <summary>Finds text that looks like a credential: keys, connection strings, tokens, key listings.</summary>
public static partial class SecretScanner
{
    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("storage connection string", StorageConnectionString()),
        ("shared access signature", SharedAccessSignature()),
        ("SendGrid API key", SendGridKey()),
        ("Application Insights instrumentation key", InstrumentationKey()),
        ("private key", PrivateKey()),
        ("64-byte base64 key (storage account key shape)", AccountKeyShape()),
        ("GitHub token", GitHubToken()),
        ("ARM key listing (listKeys, listSecrets ...)", KeyListing()),
    ];

    public static IReadOnlyList<string> Scan(string text) =>
        Patterns.SelectMany(entry => entry.Pattern.Matches(text).Select(match => $"{entry.Kind}: {Truncate(match.Value)}")).ToList();

    // Shows where a finding is without printing a whole credential into test output.
    private static string Truncate(string value) => value.Length <= 12 ? value : value[..12] + "…";

    [GeneratedRegex(@"(AccountKey|DefaultEndpointsProtocol|SharedAccessKey|SharedAccessSignature)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StorageConnectionString();

    [GeneratedRegex(@"[?&]sig=[A-Za-z0-9%+/=]{16,}")]
    private static partial Regex SharedAccessSignature();

    [GeneratedRegex(@"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}")]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"InstrumentationKey=[0-9a-fA-F]{8}-", RegexOptions.IgnoreCase)]
    private static partial Regex InstrumentationKey();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==")]
    private static partial Regex AccountKeyShape();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\blist(Keys|Secrets|ConnectionStrings|AccountSas|ServiceSas|Credentials?)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex KeyListing();
}
