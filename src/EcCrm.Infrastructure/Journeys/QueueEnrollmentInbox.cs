using System.Text.Json;
using Azure.Storage.Queues;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>Delivers inputs through the <c>journey-inputs</c> queue, which the journey runner consumes.</summary>
public sealed class QueueEnrollmentInbox(StorageClients storage, IEnrollmentStore enrollments) : IEnrollmentInbox
{
    private readonly QueueClient queue = storage.Queue(storage.Names.JourneyInputsQueueName);

    public Task DeliverAsync(string enrollmentId, JourneyInput input, CancellationToken cancellationToken) =>
        DeliverAsync(enrollmentId, input, TimeSpan.Zero, cancellationToken);

    /// <summary>Delivers after a delay (at most the queue's seven days; longer timers are re-armed by the decider).</summary>
    public async Task DeliverAsync(string enrollmentId, JourneyInput input, TimeSpan delay, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new JourneyInputMessage(enrollmentId, input), EcCrmJson.Options);
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : TimeSpan.FromSeconds(Math.Ceiling(Math.Min(delay.TotalSeconds, MaxDelay.TotalSeconds)));
        await queue.SendMessageAsync(body, visibility, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
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

    /// <summary>The longest a queue message can stay invisible (seven days), less a margin.</summary>
    public static TimeSpan MaxDelay { get; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
}
