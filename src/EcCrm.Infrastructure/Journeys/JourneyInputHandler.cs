using System.Text.Json;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Reads a <c>journey-inputs</c> message and hands it to the host's way of reaching runs (the journey orchestration's
/// router, with the host's Durable client). A message that cannot be read goes to the poison queue at once; a
/// failure to route it is retried by the queue and, after host.json's <c>maxDequeueCount</c>, poisoned with the reason.
/// </summary>
public sealed class JourneyInputHandler(Func<JourneyInputMessage, CancellationToken, Task> route) : IQueueMessageHandler
{
    public string QueueName => StorageNames.JourneyInputsQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        JourneyInputMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<JourneyInputMessage>(body, EcCrmJson.Options);
        }
        catch (JsonException ex)
        {
            throw new UnprocessableMessageException($"The message is not a journey input: {ex.Message}", ex);
        }

        if (message?.Input is null || !EnrollmentIds.TryParse(message.EnrollmentId, out _, out _, out _))
        {
            throw new UnprocessableMessageException("The message names no enrollment or no input.");
        }

        await route(message, cancellationToken).ConfigureAwait(false);
    }
}
