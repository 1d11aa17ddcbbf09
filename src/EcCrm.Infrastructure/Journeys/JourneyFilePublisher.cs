using EcCrm.Core.Journeys.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>Publishes every <c>*.journey.json</c> of the journeys folder (each version once; a changed file needs a new version).</summary>
public sealed partial class JourneyFilePublisher(JourneyCatalog catalog, IOptions<JourneyFilesOptions> options, ILogger<JourneyFilePublisher> logger)
{
    public async Task<IReadOnlyList<(string File, PublishResult Result)>> PublishAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<(string, PublishResult)>();
        var folder = options.Value.FullPath;
        if (!Directory.Exists(folder))
        {
            LogNoFolder(folder);
            return results;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.journey.json").Order(StringComparer.Ordinal))
        {
            var result = await catalog.PublishAsync(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var name = Path.GetFileName(file);
            switch (result)
            {
                case PublishResult.Published published:
                    LogPublished(name, published.JourneyId, published.Version);
                    break;
                case PublishResult.Rejected rejected:
                    LogRejected(name, string.Join("; ", rejected.Errors));
                    break;
                case PublishResult.VersionTaken taken:
                    LogVersionTaken(name, taken.JourneyId, taken.Version);
                    break;
            }

            results.Add((name, result));
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {File}: {JourneyId} v{Version}")]
    private partial void LogPublished(string file, string journeyId, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Did not publish {File}: {Errors}")]
    private partial void LogRejected(string file, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Did not publish {File}: {JourneyId} v{Version} is already published with other content; published versions never change, so give the file a new version")]
    private partial void LogVersionTaken(string file, string journeyId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No journeys folder at {Folder}: nothing to publish")]
    private partial void LogNoFolder(string folder);
}
