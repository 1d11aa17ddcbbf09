using System.Collections.Concurrent;
using EcCrm.Infrastructure.Queues;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcCrm.Infrastructure.Tests.Queues;

public class QueueListenerTests
{
    private static readonly QueueListenerOptions FastRetries = new()
    {
        BatchSize = 4,
        NewBatchThreshold = 2,
        MaxDequeueCount = 3,
        VisibilityTimeout = TimeSpan.Zero,
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task HandsEveryMessageToItsHandlerAndDeletesItAfterwards()
    {
        await using var services = await TestServices.CreateAsync();
        var handler = new RecordingHandler((_, _) => Task.CompletedTask);
        await SendAsync(services, "one", "two", "three");

        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(handler.Bodies.Count), count => count == 3);
        }

        Assert.Equal(["one", "three", "two"], handler.Bodies.Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountAsync(services, services.Storage.Names.OrdersQueueName));
    }

    [Fact]
    public async Task MovesAMessageThatKeepsFailingToThePoisonQueueWithTheReason()
    {
        await using var services = await TestServices.CreateAsync();
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("Profile store unavailable"));
        await SendAsync(services, "doomed");

        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => CountAsync(services, PoisonName(services)), count => count == 1);
        }

        var (messages, _) = await services.Get<PoisonQueue>().PeekAsync(StorageNames.OrdersQueue, default);
        var poisoned = Assert.Single(messages);
        Assert.Equal("doomed", poisoned.Body);
        Assert.Equal("InvalidOperationException: Profile store unavailable", poisoned.Reason);
        Assert.Equal(3, poisoned.DequeueCount);
        Assert.Equal(3, handler.Bodies.Count); // exactly maxDequeueCount attempts
        Assert.Equal(0, await CountAsync(services, services.Storage.Names.OrdersQueueName));
    }

    [Fact]
    public async Task APoisonMessageNeverExpires()
    {
        await using var services = await TestServices.CreateAsync();
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("Profile store unavailable"));
        await SendAsync(services, "doomed");

        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => CountAsync(services, PoisonName(services)), count => count == 1);
        }

        var poisoned = Assert.Single((await services.Storage.Queue(PoisonName(services)).PeekMessagesAsync(32)).Value);
        Assert.Equal(DateTimeOffset.MaxValue.Year, poisoned.ExpiresOn!.Value.Year); // "never": the service's end of time, 9999-12-31
    }

    [Fact]
    public async Task AFailingMessageTooLargeToPoisonWithItsReasonIsKeptWholeAndReplaysAsItArrived()
    {
        await using var services = await TestServices.CreateAsync();
        var failing = true;
        var handler = new RecordingHandler((_, _) => failing ? throw new TimeoutException("storage timed out") : Task.CompletedTask);
        // Near the largest message; every quote and backslash doubles inside the poison envelope's JSON.
        var body = string.Concat(Enumerable.Repeat("{\"q\":\"\\\"}", 4_800));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(body), 40_000, QueuePayloads.MaxInlineBytes);
        await SendAsync(services, body);

        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => CountAsync(services, PoisonName(services)), count => count == 1);
        }

        var (messages, _) = await services.Get<PoisonQueue>().PeekAsync(StorageNames.OrdersQueue, default);
        Assert.Equal(body, Assert.Single(messages).Body);
        Assert.Equal("TimeoutException: storage timed out", messages[0].Reason);

        failing = false;
        Assert.Equal(1, await services.Get<PoisonQueue>().ReplayAsync(StorageNames.OrdersQueue, messageId: null, default));
        var replayed = (await services.Storage.Queue(services.Storage.Names.OrdersQueueName).ReceiveMessageAsync()).Value;
        Assert.Equal(body, replayed.Body.ToString());
        Assert.Equal(0, await CountAsync(services, PoisonName(services)));
        await foreach (var blob in services.Storage.Container(services.Storage.Names.QueuePayloads).GetBlobsAsync())
        {
            Assert.Fail($"The replayed poison message's blob {blob.Name} was left behind.");
        }
    }

    [Fact]
    public async Task PoisonsAnUnreadableMessageAtOnce()
    {
        await using var services = await TestServices.CreateAsync();
        var handler = new RecordingHandler((_, _) => throw new UnprocessableMessageException("not JSON"));
        await SendAsync(services, "%%%");

        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => CountAsync(services, PoisonName(services)), count => count == 1);
        }

        Assert.Single(handler.Bodies);
        var (messages, _) = await services.Get<PoisonQueue>().PeekAsync(StorageNames.OrdersQueue, default);
        Assert.Equal("Unprocessable: not JSON", Assert.Single(messages).Reason);
    }

    [Fact]
    public async Task AHandlerThatOutlastsTheLeaseKeepsItsMessageAndIsNotRunTwice()
    {
        await using var services = await TestServices.CreateAsync();
        var handling = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var handler = new RecordingHandler(async (_, _) =>
        {
            handling.TrySetResult();
            await finish.Task;
        });
        await SendAsync(services, "slow");
        var lease = TimeSpan.FromSeconds(2);
        var listener = new QueueListener(handler, services.Storage, FastRetries with { Lease = lease }, TimeProvider.System, NullLogger<QueueListener>.Instance);
        await listener.StartAsync(default);
        try
        {
            await handling.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // Three leases long, the message must stay hidden: without renewal it would reappear after one.
            var watched = System.Diagnostics.Stopwatch.StartNew();
            while (watched.Elapsed < lease * 3)
            {
                Assert.Equal(0, await CountAsync(services, services.Storage.Names.OrdersQueueName));
                await Task.Delay(100);
            }

            finish.SetResult();
            await Eventually.ReturnsAsync(() => CountHiddenOrVisibleAsync(services), count => count == 0, because: "the handler succeeded, so its message is deleted with the renewed receipt");
        }
        finally
        {
            finish.TrySetResult();
            await listener.StopAsync(default);
            listener.Dispose();
        }

        Assert.Equal(["slow"], handler.Bodies);
    }

    [Fact]
    public async Task AMessageInFlightWhenTheListenerStopsIsHandedBackAtOnce()
    {
        await using var services = await TestServices.CreateAsync();
        var handling = new TaskCompletionSource();
        var handler = new RecordingHandler(async (_, stopping) =>
        {
            handling.TrySetResult();
            await Task.Delay(Timeout.Infinite, stopping); // ends only when the listener stops
        });
        await SendAsync(services, "slow");
        await using (await RunningAsync(services, handler))
        {
            await handling.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // Without the hand-back the message would stay hidden for its lease.
        var message = (await services.Storage.Queue(services.Storage.Names.OrdersQueueName).ReceiveMessageAsync()).Value;
        Assert.Equal("slow", message?.Body.ToString());
        Assert.Equal(2, message!.DequeueCount); // taken once before
        Assert.Equal(0, await CountAsync(services, PoisonName(services)));
    }

    [Fact]
    public async Task ReplaysPoisonMessagesToTheirQueueAsTheyFirstArrived()
    {
        await using var services = await TestServices.CreateAsync();
        var failing = true;
        var handler = new RecordingHandler((_, _) => failing ? throw new TimeoutException("storage timed out") : Task.CompletedTask);
        await SendAsync(services, "order-a", "order-b");
        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => CountAsync(services, PoisonName(services)), count => count == 2);
        }

        failing = false;
        var replayed = await services.Get<PoisonQueue>().ReplayAsync(StorageNames.OrdersQueue, messageId: null, default);
        handler.Bodies.Clear();
        await using (await RunningAsync(services, handler))
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(handler.Bodies.Count), count => count == 2);
        }

        Assert.Equal(2, replayed);
        Assert.Equal(["order-a", "order-b"], handler.Bodies.Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountAsync(services, PoisonName(services)));
    }

    [Fact]
    public async Task ReplaysOnlyTheChosenPoisonMessage()
    {
        await using var services = await TestServices.CreateAsync();
        var poison = services.Storage.Queue(PoisonName(services));
        await poison.SendMessageAsync(new PoisonMessage("orders", "boom", 5, default, "m-1", "first").ToJson());
        await poison.SendMessageAsync(new PoisonMessage("orders", "boom", 5, default, "m-2", "second").ToJson());

        var replayed = await services.Get<PoisonQueue>().ReplayAsync(StorageNames.OrdersQueue, "m-2", default);

        Assert.Equal(1, replayed);
        var message = (await services.Storage.Queue(services.Storage.Names.OrdersQueueName).ReceiveMessageAsync()).Value;
        Assert.Equal("second", message.Body.ToString());
    }

    private static string PoisonName(TestServices services) => StorageNames.PoisonOf(services.Storage.Names.OrdersQueueName);

    private static async Task SendAsync(TestServices services, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            await services.Storage.Queue(services.Storage.Names.OrdersQueueName).SendMessageAsync(body);
        }
    }

    private static async Task<int> CountAsync(TestServices services, string queue) =>
        (await services.Storage.Queue(queue).PeekMessagesAsync(32)).Value.Length;

    /// <summary>Messages in the order queue, hidden ones included.</summary>
    private static async Task<int> CountHiddenOrVisibleAsync(TestServices services) =>
        (await services.Storage.Queue(services.Storage.Names.OrdersQueueName).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static async Task<Running> RunningAsync(TestServices services, IQueueMessageHandler handler)
    {
        var listener = new QueueListener(handler, services.Storage, FastRetries, TimeProvider.System, NullLogger<QueueListener>.Instance);
        await listener.StartAsync(default);
        return new Running(listener);
    }

    private sealed class Running(QueueListener listener) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await listener.StopAsync(default);
            listener.Dispose();
        }
    }

    private sealed class RecordingHandler(Func<string, CancellationToken, Task> behaviour) : IQueueMessageHandler
    {
        public ConcurrentBag<string> Bodies { get; } = [];

        public string QueueName => StorageNames.OrdersQueue;

        public Task HandleAsync(string body, CancellationToken cancellationToken)
        {
            Bodies.Add(body);
            return behaviour(body, cancellationToken);
        }
    }
}
