using System.Text;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Messaging.Events;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// The <c>email-events</c> queue's consumer: applies one part of a verified event webhook delivery, then lets the
/// deliverability guard judge the journeys it is about.
/// </summary>
public sealed class EmailEventMessageHandler(EmailEventIntake intake, DeliverabilityGuard guard) : IQueueMessageHandler
{
    public string QueueName => StorageNames.EmailEventsQueue;

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        var (events, errors) = SendGridEventBatch.Parse(Encoding.UTF8.GetBytes(body));
        if (errors.Count > 0)
        {
            throw new UnprocessableMessageException($"The message is not a batch of provider events: {errors[0].Path} {errors[0].Message}");
        }

        await intake.ApplyAsync(events, cancellationToken).ConfigureAwait(false);
        await guard.ObserveAsync(events, cancellationToken).ConfigureAwait(false);
    }
}
