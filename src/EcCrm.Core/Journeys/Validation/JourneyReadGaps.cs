namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// Where a journey could not be read, told by the paths of the mistakes found while reading it. The validator runs every
/// check whose inputs were read and leaves out only those that would report something as missing because it could not
/// be read: a mistake in the quiet hours does not stop the checks of the graph, a mistake in <c>exit</c> stops the
/// ones that depend on the exit triggers.
/// </summary>
internal sealed class JourneyReadGaps
{
    private readonly List<string> paths;

    public JourneyReadGaps(IEnumerable<JourneyError> errors) => paths = [.. errors.Select(error => error.Path)];

    /// <summary>A journey read without a mistake.</summary>
    public static JourneyReadGaps None { get; } = new([]);

    /// <summary>
    /// True when an unknown top-level property looks like a misspelling of <paramref name="property"/> (<c>"exits"</c>
    /// for <c>exit</c>): that property is then absent only because it was misspelt, so no check may rely on its absence.
    /// </summary>
    public bool Misspelt(string property) =>
        paths.Any(path => TopLevelName(path) is { } name && !JourneyParser.TopLevelProperties.Contains(name, StringComparer.Ordinal)
            && Suggestions.Closest(name, JourneyParser.TopLevelProperties) == property);

    /// <summary>True when there was no mistake at <paramref name="path"/>, inside it, or in what contains it.</summary>
    public bool Read(string path) => !paths.Any(error => error == path || Inside(error, path) || Inside(path, error));

    private static bool Inside(string inner, string outer) =>
        inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) && inner[outer.Length] is '.' or '[';

    private static string? TopLevelName(string path)
    {
        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            var name = path[2..];
            return name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal) ? null : name;
        }

        return path.StartsWith("$['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) && path.IndexOf("']", StringComparison.Ordinal) == path.Length - 2
            ? path[3..^2]
            : null;
    }
}
