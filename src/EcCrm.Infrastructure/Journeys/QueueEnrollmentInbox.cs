using System.Text.Json;
using Azure.Storage.Queues;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Delivers inputs through the <c>journey-inputs</c> queue: its consumer (the Server's listener, the Functions queue
/// trigger) starts the enrollment's durable run on <c>Started</c> and raises every other input to it.
/// </summary>
public sealed class QueueEnrollmentInbox(StorageClients storage, IEnrollmentStore enrollments) : IEnrollmentInbox
{
    private readonly QueueClient queue = storage.Queue(storage.Names.JourneyInputsQueueName);

    public async Task DeliverAsync(string enrollmentId, JourneyInput input, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new JourneyInputMessage(enrollmentId, input, EcCrmTelemetry.CurrentTraceParent()), EcCrmJson.Options);
        await queue.SendMessageAsync(body, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeliverToActiveAsync(CustomerKey customer, JourneyInput input, CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var enrollment in await enrollments.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false))
        {
            if (!enrollment.HasEnded)
            {
                await DeliverAsync(enrollment.EnrollmentId, input, cancellationToken).ConfigureAwait(false);
                delivered++;
            }
        }

        return delivered;
    }
}
