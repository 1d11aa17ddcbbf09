using System.Diagnostics.Metrics;
using EcCrm.Core.Diagnostics;
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

        await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync(new FailingHandler(), "order-a", "m-1", dequeueCount: 2, DateTimeOffset.UtcNow, default));

        Assert.Empty((await services.Storage.Queue(PoisonName(services)).PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task TheLastFailedAttemptIsPoisonedWithItsReasonNeverToExpire()
    {
        await using var services = await TestServices.CreateAsync();
        var runner = new QueueMessageRunner(services.Get<PoisonQueue>(), TimeProvider.System, ThreeAttempts, NullLogger<QueueMessageRunner>.Instance);

        await runner.RunAsync(new FailingHandler(), "order-a", "m-1", dequeueCount: 3, DateTimeOffset.UtcNow, default);

        var peeked = Assert.Single((await services.Storage.Queue(PoisonName(services)).PeekMessagesAsync(32)).Value);
        Assert.Equal(DateTimeOffset.MaxValue.Year, peeked.ExpiresOn!.Value.Year); // "never": the service's end of time, 9999-12-31
        var (messages, _) = await services.Get<PoisonQueue>().PeekAsync(StorageNames.OrdersQueue, default);
        var poisoned = Assert.Single(messages);
        Assert.Equal(("order-a", "TimeoutException: storage timed out", 3L, "m-1"), (poisoned.Body, poisoned.Reason, poisoned.DequeueCount, poisoned.MessageId));
    }

    [Fact]
    public async Task EachMessageRecordsHowLongItWaitedInItsQueue()
    {
        await using var services = await TestServices.CreateAsync();
        var runner = new QueueMessageRunner(services.Get<PoisonQueue>(), TimeProvider.System, ThreeAttempts, NullLogger<QueueMessageRunner>.Instance);
        var handler = new SucceedingHandler($"ages-{Guid.NewGuid():N}");
        var ages = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EcCrmTelemetry.Name && instrument.Name == EcCrmTelemetry.QueueAgeInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, age, tags, _) =>
        {
            if (tags.ToArray().Any(tag => tag.Key == EcCrmTelemetry.QueueTag && Equals(tag.Value, handler.QueueName)))
            {
                lock (ages)
                {
                    ages.Add(age);
                }
            }
        });
        listener.Start();

        await runner.RunAsync(handler, "order-a", "m-1", dequeueCount: 1, insertedAt: DateTimeOffset.UtcNow.AddSeconds(-42), default);

        var age = Assert.Single(ages);
        Assert.InRange(age, 42, 60);
    }

    private static string PoisonName(TestServices services) => StorageNames.PoisonOf(services.Storage.Names.OrdersQueueName);

    private sealed class SucceedingHandler(string queueName) : IQueueMessageHandler
    {
        public string QueueName => queueName;

        public Task HandleAsync(string body, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailingHandler : IQueueMessageHandler
    {
        public string QueueName => StorageNames.OrdersQueue;

        public Task HandleAsync(string body, CancellationToken cancellationToken) => throw new TimeoutException("storage timed out");
    }
}
