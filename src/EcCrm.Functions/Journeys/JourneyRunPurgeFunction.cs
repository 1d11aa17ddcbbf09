using EcCrm.Orchestration.Journeys;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace EcCrm.Functions.Journeys;

/// <summary>Once a day, purges journey runs that finished more than <see cref="JourneyRunOptions.PurgeAfter"/> ago, so the task hub's tables stay small.</summary>
public sealed class JourneyRunPurgeFunction(IOptions<JourneyRunOptions> options)
{
    [Function("PurgeJourneyRuns")]
    public Task<int> RunAsync([TimerTrigger("0 30 3 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        JourneyRuns.PurgeAsync(durable, TimeProvider.System.GetUtcNow() - options.Value.PurgeAfter, cancellationToken);
}
