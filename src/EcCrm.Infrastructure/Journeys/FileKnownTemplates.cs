using EcCrm.Core.Journeys.Catalog;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>Template ids are the file names (without <c>.liquid</c>) in the journeys' <c>templates</c> folder.</summary>
public sealed class FileKnownTemplates(IOptions<JourneyFilesOptions> options) : IKnownTemplates
{
    public Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.TemplatesPath;
        IReadOnlySet<string> ids = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.liquid").Select(file => Path.GetFileName(file)[..^".liquid".Length]).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        return Task.FromResult(ids);
    }
}
