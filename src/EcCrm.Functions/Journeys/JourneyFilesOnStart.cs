using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Journeys;

/// <summary>Publishes the deployed journey files once storage is ready; versions already published are left alone.</summary>
internal sealed class JourneyFilesOnStart(JourneyFilePublisher publisher, StorageReadiness readiness, IOptions<JourneyFilesOptions> files) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (files.Value.PublishOnStart)
        {
            await readiness.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
            await publisher.PublishAllAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
