namespace EcCrm.Core.Messaging.Events;

/// <summary>Where verified event webhook deliveries wait to be applied (the <c>email-events</c> queue).</summary>
public interface IEmailEventQueue
{
    /// <summary>Queues a verified delivery: its body, a JSON array of provider events that has been read without error.</summary>
    Task EnqueueAsync(ReadOnlyMemory<byte> batch, CancellationToken cancellationToken);
}
