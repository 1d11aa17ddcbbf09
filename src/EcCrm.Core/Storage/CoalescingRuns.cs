namespace EcCrm.Core.Storage;

/// <summary>
/// Runs work for one key at a time in this process, and lets every caller that arrives while a run is going share the
/// single run that follows it. A caller's result always comes from a run that started after the call, so a run that
/// reads storage sees whatever the caller wrote before calling. A burst of callers for one key costs at most two runs
/// (the one going and the one after), never a conditional write lost between them; different keys run in parallel.
/// </summary>
public sealed class CoalescingRuns<TKey, TResult>
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, Slot> slots = [];

    /// <param name="work">The run; when callers share a run, the work of the first of them is done.</param>
    public Task<TResult> RunAsync(TKey key, Func<Task<TResult>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        TaskCompletionSource<TResult> first;
        lock (gate)
        {
            if (slots.TryGetValue(key, out var slot))
            {
                // A run is going: share the one after it, which has not started yet.
                slot.Next ??= (new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), work);
                return slot.Next.Value.Result.Task;
            }

            first = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            slots[key] = new Slot();
        }

        _ = DriveAsync(key, first, work);
        return first.Task;
    }

    /// <summary>How many keys have a run going (for tests and diagnostics).</summary>
    public int Running
    {
        get
        {
            lock (gate)
            {
                return slots.Count;
            }
        }
    }

    private async Task DriveAsync(TKey key, TaskCompletionSource<TResult> result, Func<Task<TResult>> work)
    {
        while (true)
        {
            TResult value = default!;
            Exception? error = null;
            try
            {
                value = await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            // The slot is settled before the callers hear the result, so a caller who resumes finds no run left over.
            (TaskCompletionSource<TResult> Result, Func<Task<TResult>> Work)? next;
            lock (gate)
            {
                var slot = slots[key];
                next = slot.Next;
                slot.Next = null;
                if (next is null)
                {
                    slots.Remove(key);
                }
            }

            switch (error)
            {
                case null:
                    result.TrySetResult(value);
                    break;
                case OperationCanceledException canceled:
                    result.TrySetCanceled(canceled.CancellationToken);
                    break;
                default:
                    result.TrySetException(error);
                    break;
            }

            if (next is not { } following)
            {
                return;
            }

            (result, work) = following;
        }
    }

    private sealed class Slot
    {
        /// <summary>The run after the one going, shared by everyone who asked while it went.</summary>
        public (TaskCompletionSource<TResult> Result, Func<Task<TResult>> Work)? Next { get; set; }
    }
}
