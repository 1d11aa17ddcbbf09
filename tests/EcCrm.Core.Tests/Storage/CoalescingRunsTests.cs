using EcCrm.Core.Storage;

namespace EcCrm.Core.Tests.Storage;

public class CoalescingRunsTests
{
    [Fact]
    public async Task CallersWhoArriveWhileARunGoesShareTheOneRunAfterIt()
    {
        var runs = new CoalescingRuns<string, int>();
        var started = 0;
        var first = new TaskCompletionSource<int>();
        var second = new TaskCompletionSource<int>();
        Task<int> Work() => Interlocked.Increment(ref started) == 1 ? first.Task : second.Task;

        var going = runs.RunAsync("customer", Work);
        var late = runs.RunAsync("customer", Work);
        var later = runs.RunAsync("customer", Work);

        // The run after waits for the one going: it must read what every late caller stored before calling.
        Assert.Equal(1, started);
        Assert.Same(late, later);
        first.SetResult(1);
        Assert.Equal(1, await going);
        second.SetResult(2);
        Assert.Equal(2, await late);
        Assert.Equal(2, started);
        Assert.Equal(0, runs.Running);
    }

    [Fact]
    public async Task ACallerWhoArrivesAfterTheNextRunStartedGetsARunOfItsOwn()
    {
        var runs = new CoalescingRuns<string, int>();
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<int>()).ToArray();
        var started = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource()).ToArray();
        var count = 0;
        Task<int> Work()
        {
            var run = Interlocked.Increment(ref count) - 1;
            started[run].SetResult();
            return gates[run].Task;
        }

        var going = runs.RunAsync("customer", Work);
        var next = runs.RunAsync("customer", Work);
        gates[0].SetResult(0);
        await going;
        await started[1].Task;
        var afterNextStarted = runs.RunAsync("customer", Work);

        Assert.NotSame(next, afterNextStarted);
        gates[1].SetResult(1);
        gates[2].SetResult(2);
        Assert.Equal(1, await next);
        Assert.Equal(2, await afterNextStarted);
    }

    [Fact]
    public async Task DifferentKeysRunAtTheSameTime()
    {
        var runs = new CoalescingRuns<string, string>();
        var both = new TaskCompletionSource();
        var arrived = 0;
        async Task<string> Work(string key)
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                both.SetResult();
            }

            await both.Task;
            return key;
        }

        var results = await Task.WhenAll(runs.RunAsync("a", () => Work("a")), runs.RunAsync("b", () => Work("b")));

        Assert.Equal(["a", "b"], results);
    }

    [Fact]
    public async Task AFailedRunFailsItsCallersAndTheNextRunStillGoes()
    {
        var runs = new CoalescingRuns<string, int>();
        var gate = new TaskCompletionSource<int>();
        var calls = 0;
        Task<int> Work() => Interlocked.Increment(ref calls) == 1 ? gate.Task : Task.FromResult(2);

        var failing = runs.RunAsync("customer", Work);
        var next = runs.RunAsync("customer", Work);
        gate.SetException(new InvalidOperationException("storage said no"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(2, await next);
    }
}
