using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Orchestration.Journeys;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// The <c>journey-inputs</c> queue (the sweep, order ingestion, e-mail events, unsubscribes and the admin API put
/// inputs there, as on the Server): each input goes to its enrollment's run through the shared router.
/// </summary>
public sealed class JourneyInputFunction(JourneyInputRouter router, QueueMessageRunner runner)
{
    [Function("DeliverJourneyInput")]
    public Task RunAsync(
        [QueueTrigger(StorageNames.JourneyInputsQueue)] string body,
        string id,
        long dequeueCount,
        DateTimeOffset insertionTime,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        runner.RunAsync(new JourneyInputHandler((message, ct) => router.RouteAsync(durable, message, ct)), body, id, dequeueCount, insertionTime, cancellationToken);
}
