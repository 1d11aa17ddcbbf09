namespace EcCrm.Infrastructure.Queues;

/// <summary>Processes the messages of one queue. Throwing means "try again"; see <see cref="UnprocessableMessageException"/>.</summary>
public interface IQueueMessageHandler
{
    /// <summary>The queue's base name (without prefix).</summary>
    string QueueName { get; }

    Task HandleAsync(string body, CancellationToken cancellationToken);
}
