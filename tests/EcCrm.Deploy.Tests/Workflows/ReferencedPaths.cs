using System.Text.RegularExpressions;

namespace EcCrm.Deploy.Tests.Workflows;

/// <summary>
/// Finds repository paths named in the values of workflow and azd files (comments are prose and are
/// not read) and tells which of them are allowed to be missing for now.
/// </summary>
public static partial class ReferencedPaths
{
    /// <summary>
    /// Paths that work in flight on other branches adds. A reference to one of them (or below it) is
    /// accepted while it is missing; once it exists, <c>PendingPathsDoNotExistYet</c> fails so the entry
    /// is deleted and the reference is checked like any other.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Pending = new Dictionary<string, string>();

    private static readonly string[] TopLevelFolders = ["src", "tests", "scripts", "infra", "docs", "tools", "bench", "journeys", ".github"];

    public static IEnumerable<string> In(string value) =>
        RepositoryPath().Matches(value)
            .Select(match => match.Groups["path"].Value.TrimEnd('/', '.'))
            .Where(path => path.Contains('/', StringComparison.Ordinal)
                ? TopLevelFolders.Contains(path[..path.IndexOf('/', StringComparison.Ordinal)])
                : RootFile().IsMatch(path))
            .Distinct();

    public static bool IsPending(string path) =>
        Pending.Keys.Any(pending => path == pending || path.StartsWith(pending + "/", StringComparison.Ordinal));

    // A path token: not preceded by a character that would make it part of a longer word, URL or
    // variable ($RUNNER_TEMP/x, https://host/x, ${{ ... }}).
    [GeneratedRegex(@"(?<![\w$/.{}:-])(?:\./)?(?<path>\.?[A-Za-z][\w.-]*(?:/[\w.-]+)*/?)")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"^[\w.-]+\.(?:sln|slnf|props|json|ya?ml|md)$")]
    private static partial Regex RootFile();
}
