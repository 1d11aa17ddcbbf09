using EcCrm.Core.Messaging.Templates;
using EcCrm.Infrastructure.Journeys;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Templates from the journeys' <c>templates</c> folder: <c>{id}.liquid</c> (front matter, then the HTML body), an
/// optional <c>{id}.txt.liquid</c> text part, layouts in <c>layouts/</c> and partials in <c>partials/</c>. Read from disk
/// on every call, so an edited template is used (and validated) without a restart.
/// </summary>
public sealed class FileEmailTemplates(string folder) : IEmailTemplates
{
    private const string Extension = ".liquid";
    private const string TextExtension = ".txt.liquid";

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

    public async Task<(EmailTemplateSource? Template, TemplateError? Error)> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsSafeName(id))
        {
            return (null, null);
        }

        var path = Path.Combine(Folder, id + Extension);
        if (!File.Exists(path))
        {
            return (null, null);
        }

        var content = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var textPath = Path.Combine(Folder, id + TextExtension);
        var text = File.Exists(textPath) ? await File.ReadAllTextAsync(textPath, cancellationToken).ConfigureAwait(false) : null;
        return EmailTemplateFile.Parse(id, content, text);
    }

    public async Task<string?> GetLayoutAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, "layouts", name + Extension);
        return IsSafeName(name) && File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetPartialsAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Folder, "partials");
        var partials = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension))
            {
                partials[Path.GetFileName(file)[..^Extension.Length]] = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        return partials;
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.Contains("..", StringComparison.Ordinal);
}
