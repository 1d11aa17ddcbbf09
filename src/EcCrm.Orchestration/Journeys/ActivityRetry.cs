using Microsoft.DurableTask;

namespace EcCrm.Orchestration.Journeys;

/// <summary>
/// How often a run retries an activity that failed (storage or provider hiccups) before the run fails visibly, with
/// the reason, to be restarted from where it failed once the cause is fixed.
/// </summary>
public sealed record ActivityRetry(int MaxAttempts, TimeSpan FirstInterval, TimeSpan MaxInterval)
{
    public static ActivityRetry Default { get; } = new(6, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10));

    public TaskOptions ToTaskOptions() => TaskOptions.FromRetryPolicy(
        new RetryPolicy(MaxAttempts, FirstInterval, backoffCoefficient: 2, maxRetryInterval: MaxInterval));
}
