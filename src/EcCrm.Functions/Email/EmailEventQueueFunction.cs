using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EcCrm.Functions.Email;

/// <summary>The <c>email-events</c> queue: applies each verified part of a SendGrid event delivery (poison handling: <see cref="QueueMessageRunner"/>).</summary>
public sealed class EmailEventQueueFunction(EmailEventMessageHandler handler, QueueMessageRunner runner)
{
    [Function("ApplyEmailEvents")]
    public Task RunAsync([QueueTrigger(StorageNames.EmailEventsQueue)] string body, string id, long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken) =>
        runner.RunAsync(handler, body, id, dequeueCount, insertionTime, cancellationToken);
}
