using System.Text.Json;
using EcCrm.Core.Json;
using EcCrm.Core.Tracking;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Tracking;

/// <summary>The <c>tracked-events</c> queue's consumer: applies one accepted batch (<see cref="TrackIntake.ApplyAsync"/>).</summary>
public sealed class TrackedEventMessageHandler(TrackIntake intake, QueuePayloads payloads) : IQueueMessageHandler
{
    public string QueueName => StorageNames.TrackedEventsQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        var payload = await payloads.OpenAsync(body, cancellationToken).ConfigureAwait(false);
        TrackedEventBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<TrackedEventBatch>(payload.Body, EcCrmJson.Options);
        }
        catch (JsonException ex)
        {
            throw new UnprocessableMessageException($"The message is not a batch of tracked events: {ex.Message}", ex);
        }

        if (batch?.Events is not { } events)
        {
            throw new UnprocessableMessageException("The message holds no events.");
        }

        await intake.ApplyAsync(events, cancellationToken).ConfigureAwait(false);
        await payloads.CompleteAsync(payload, cancellationToken).ConfigureAwait(false);
    }
}
