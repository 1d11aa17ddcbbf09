using System.Collections.Concurrent;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Infrastructure.Journeys;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Templates from the journeys' <c>templates</c> folder: <c>{id}.liquid</c> (front matter, then the HTML body), an
/// optional <c>{id}.txt.liquid</c> text part, layouts in <c>layouts/</c> and partials in <c>partials/</c>, each also in
/// other languages as <c>{id}.{language}.liquid</c> (and <c>{id}.{language}.txt.liquid</c>). Each file is
/// read once and kept while its modification time and size stay the same (one look at the file per use, no read); a
/// file that changes, appears or goes is read again on its next use, so an edited template is used (and validated)
/// without a restart. What is kept is handed out as the same objects until its file changes, which is what lets
/// EcCrm.Core keep the parsed Liquid of an unchanged file. Safe for concurrent use.
/// </summary>
public sealed class FileEmailTemplates(string folder) : IEmailTemplates
{
    private const string Extension = ".liquid";
    private const string TextExtension = ".txt.liquid";

    private readonly ConcurrentDictionary<string, CachedTemplate> templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedLayout> layouts = new(StringComparer.Ordinal);
    private volatile CachedPartials? partials;

    public FileEmailTemplates(IOptions<JourneyFilesOptions> options)
        : this(options.Value.TemplatesPath)
    {
    }

    private string Folder => folder;

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids = Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder, "*" + Extension)
                .Select(Path.GetFileName)
                .Where(name => !name!.EndsWith(TextExtension, StringComparison.Ordinal))
                .Select(name => name![..^Extension.Length])
                .Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(ids);
    }

    public Task<IReadOnlyList<string>> ListLayoutsAsync(CancellationToken cancellationToken)
    {
        var layoutsFolder = Path.Combine(Folder, "layouts");
        IReadOnlyList<string> names = Directory.Exists(layoutsFolder)
            ? [.. Directory.EnumerateFiles(layoutsFolder, "*" + Extension).Select(file => Path.GetFileName(file)[..^Extension.Length]).Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(names);
    }

    public async Task<(EmailTemplateSource? Template, TemplateError? Error)> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsSafeName(id))
        {
            return (null, null);
        }

        var path = Path.Combine(Folder, id + Extension);
        var textPath = Path.Combine(Folder, id + TextExtension);
        var stamp = FileStamp.Of(path);
        if (stamp is null)
        {
            return (null, null);
        }

        var textStamp = FileStamp.Of(textPath);
        if (templates.TryGetValue(id, out var cached) && cached.Stamp == stamp && cached.TextStamp == textStamp)
        {
            return cached.Parsed;
        }

        // The stamps are taken before reading: a file changed during the read looks changed again next time.
        var content = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var text = textStamp is null ? null : await File.ReadAllTextAsync(textPath, cancellationToken).ConfigureAwait(false);
        var parsed = EmailTemplateFile.Parse(id, content, text);
        templates[id] = new CachedTemplate(stamp, textStamp, parsed);
        return parsed;
    }

    public async Task<string?> GetLayoutAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsSafeName(name))
        {
            return null;
        }

        var path = Path.Combine(Folder, "layouts", name + Extension);
        if (FileStamp.Of(path) is not { } stamp)
        {
            return null;
        }

        if (layouts.TryGetValue(name, out var cached) && cached.Stamp == stamp)
        {
            return cached.Source;
        }

        var source = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        layouts[name] = new CachedLayout(stamp, source);
        return source;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetPartialsAsync(CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(Path.Combine(Folder, "partials"));
        var stamps = directory.Exists
            ? directory.EnumerateFiles("*" + Extension).ToDictionary(file => file.Name[..^Extension.Length], file => new FileStamp(file.LastWriteTimeUtc, file.Length), StringComparer.Ordinal)
            : [];
        var cached = partials;
        if (cached is not null && cached.Stamps.Count == stamps.Count && stamps.All(pair => cached.Stamps.TryGetValue(pair.Key, out var known) && known == pair.Value))
        {
            return cached.Sources;
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, stamp) in stamps)
        {
            sources[name] = cached is not null && cached.Stamps.TryGetValue(name, out var known) && known == stamp
                ? cached.Sources[name]
                : await File.ReadAllTextAsync(Path.Combine(directory.FullName, name + Extension), cancellationToken).ConfigureAwait(false);
        }

        partials = new CachedPartials(stamps, sources);
        return sources;
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>What tells one version of a file from the next: when it was last written, and its size.</summary>
    private sealed record FileStamp(DateTime LastWriteUtc, long Length)
    {
        /// <summary>The file's stamp, or <c>null</c> when there is no such file.</summary>
        public static FileStamp? Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new FileStamp(file.LastWriteTimeUtc, file.Length) : null;
        }
    }

    private sealed record CachedTemplate(FileStamp Stamp, FileStamp? TextStamp, (EmailTemplateSource? Template, TemplateError? Error) Parsed);

    private sealed record CachedLayout(FileStamp Stamp, string Source);

    private sealed record CachedPartials(IReadOnlyDictionary<string, FileStamp> Stamps, IReadOnlyDictionary<string, string> Sources);
}
