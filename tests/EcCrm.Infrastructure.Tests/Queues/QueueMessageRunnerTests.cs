using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcCrm.Infrastructure.Tests.Queues;

/// <summary>The Functions app's queue triggers: retries left to the runtime, the last failure poisoned with its reason.</summary>
public class QueueMessageRunnerTests
{
    private static readonly QueueListenerOptions ThreeAttempts = new() { MaxDequeueCount = 3 };

    [Fact]
    public async Task AFailureBeforeTheLastAttemptIsLeftToTheRuntimeToRetry()
    {
        await using var services = await TestServices.CreateAsync();
        var runner = new QueueMessageRunner(services.Get<PoisonQueue>(), TimeProvider.System, ThreeAttempts, NullLogger<QueueMessageRunner>.Instance);

        await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync(new FailingHandler(), "order-a", "m-1", dequeueCount: 2, default));

        Assert.Empty((await services.Storage.Queue(PoisonName(services)).PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task TheLastFailedAttemptIsPoisonedWithItsReasonNeverToExpire()
    {
        await using var services = await TestServices.CreateAsync();
        var runner = new QueueMessageRunner(services.Get<PoisonQueue>(), TimeProvider.System, ThreeAttempts, NullLogger<QueueMessageRunner>.Instance);

        await runner.RunAsync(new FailingHandler(), "order-a", "m-1", dequeueCount: 3, default);

        var peeked = Assert.Single((await services.Storage.Queue(PoisonName(services)).PeekMessagesAsync(32)).Value);
        Assert.Equal(DateTimeOffset.MaxValue.Year, peeked.ExpiresOn!.Value.Year); // "never": the service's end of time, 9999-12-31
        var (messages, _) = await services.Get<PoisonQueue>().PeekAsync(StorageNames.OrdersQueue, default);
        var poisoned = Assert.Single(messages);
        Assert.Equal(("order-a", "TimeoutException: storage timed out", 3L, "m-1"), (poisoned.Body, poisoned.Reason, poisoned.DequeueCount, poisoned.MessageId));
    }

    private static string PoisonName(TestServices services) => StorageNames.PoisonOf(services.Storage.Names.OrdersQueueName);

    private sealed class FailingHandler : IQueueMessageHandler
    {
        public string QueueName => StorageNames.OrdersQueue;

        public Task HandleAsync(string body, CancellationToken cancellationToken) => throw new TimeoutException("storage timed out");
    }
}
