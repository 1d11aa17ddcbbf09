using System.Text.Json;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EcCrm.Functions.Journeys;

/// <summary>
/// The <c>journey-inputs</c> queue (the sweep, order ingestion, e-mail events, unsubscribes and the admin API put
/// inputs there, as on the Server): <c>Started</c> starts the enrollment's orchestration (instance id = enrollment
/// id, so a repeated start is a no-op); every other input is raised as an event to it.
/// </summary>
public sealed class JourneyInputFunction(IEnrollmentStore enrollments, JourneyCatalog catalog, PoisonQueue poison, TimeProvider time)
{
    [Function("DeliverJourneyInput")]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.JourneyInputsQueue)] string body,
        string id,
        long dequeueCount,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (Read(body) is not { } message)
        {
            await poison.AddAsync(new PoisonMessage(StorageNames.JourneyInputsQueue, "Unprocessable: not a journey input naming an enrollment", dequeueCount, time.GetUtcNow(), id, body), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var instance = await durable.GetInstanceAsync(message.EnrollmentId, cancellationToken).ConfigureAwait(false);
        if (message.Input is Started)
        {
            if (instance is null)
            {
                await StartAsync(durable, message, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // The run starts from its own Started message; an input that overtook it is retried (then poisoned with this reason).
        _ = instance ?? throw new InvalidOperationException($"The run of enrollment {message.EnrollmentId} has not started yet.");
        await durable.RaiseEventAsync(message.EnrollmentId, JourneyOrchestrator.InputEvent, message, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartAsync(DurableTaskClient durable, JourneyInputMessage message, CancellationToken cancellationToken)
    {
        var enrollment = await enrollments.GetAsync(message.EnrollmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Enrollment {message.EnrollmentId} is not in the Enrollments table.");
        var journey = await catalog.GetPublishedJsonAsync(enrollment.Value.JourneyId, enrollment.Value.Version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{enrollment.Value.JourneyId} v{enrollment.Value.Version} is not published.");
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(JourneyOrchestrator),
            new JourneyRun(enrollment.Value, journey, message.Input),
            new StartOrchestrationOptions(InstanceId: message.EnrollmentId),
            cancellationToken).ConfigureAwait(false);
    }

    private static JourneyInputMessage? Read(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<JourneyInputMessage>(body, EcCrmJson.Options) is { Input: not null } message
                && EnrollmentIds.TryParse(message.EnrollmentId, out _, out _, out _)
                ? message
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
