using EcCrm.Core.Messaging.Templates;
using EcCrm.Infrastructure.Email;

namespace EcCrm.Cli.Journeys;

/// <summary>Finds journey files and the template ids next to them.</summary>
internal static class JourneyFiles
{
    public const string Pattern = "*.journey.json";

    /// <summary>The journey files at a path: the file itself, or every <c>*.journey.json</c> in a folder, sorted.</summary>
    public static IReadOnlyList<string>? Find(string path) =>
        File.Exists(path) ? [path]
        : Directory.Exists(path) ? [.. Directory.GetFiles(path, Pattern).Order(StringComparer.Ordinal)]
        : null;

    /// <summary>
    /// The template folder: the one given, else <c>templates/</c> next to the journey. Its ids are the file names of its
    /// <c>*.liquid</c> files without the extension and language (<c>winback-1.ja.liquid</c> is <c>winback-1</c>);
    /// <c>null</c> when there is no such folder.
    /// </summary>
    public static (string? Folder, IReadOnlySet<string>? Ids) Templates(string journeyFile, string? given)
    {
        var folder = given ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(journeyFile)) ?? ".", "templates");
        if (!Directory.Exists(folder))
        {
            return (given, null);
        }

        return (folder, new TemplateCatalog(new FileEmailTemplates(folder)).IdsAsync(CancellationToken.None).GetAwaiter().GetResult());
    }
}
