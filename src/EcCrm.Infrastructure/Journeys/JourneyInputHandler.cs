using System.Text.Json;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>The <c>journey-inputs</c> queue's consumer: one input for one enrollment, handed to the <see cref="JourneyRunner"/>.</summary>
public sealed class JourneyInputHandler(JourneyRunner runner, QueueEnrollmentInbox inbox) : IQueueMessageHandler
{
    /// <summary>How long an input waits when another process holds its enrollment.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(2);

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

        if (await runner.ProcessAsync(message, cancellationToken).ConfigureAwait(false) == RunOutcome.Busy)
        {
            // Someone else is working on this enrollment: come back after it, without spending one of the message's attempts.
            await inbox.DeliverAsync(message.EnrollmentId, message.Input, BusyRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
