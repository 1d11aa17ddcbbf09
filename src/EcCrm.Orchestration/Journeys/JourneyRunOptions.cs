namespace EcCrm.Orchestration.Journeys;

/// <summary>How journey runs retry a failing activity, and how long finished runs are kept, in both hosts (section <c>JourneyRuns</c>).</summary>
public sealed class JourneyRunOptions
{
    public const string SectionName = "JourneyRuns";

    /// <summary>Attempts of an activity (a send, a step's save) before the run fails visibly with the reason.</summary>
    public int ActivityAttempts { get; set; } = ActivityRetry.Default.MaxAttempts;

    /// <summary>The wait before the first retry; each next wait doubles, up to <see cref="MaxRetryInterval"/>.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = ActivityRetry.Default.FirstInterval;

    public TimeSpan MaxRetryInterval { get; set; } = ActivityRetry.Default.MaxInterval;

    /// <summary>Finished runs (completed or terminated) are purged from the engine this long after they were last updated; failed ones stay until dealt with.</summary>
    public TimeSpan PurgeAfter { get; set; } = TimeSpan.FromDays(30);

    public ActivityRetry Retry => new(Math.Max(1, ActivityAttempts), FirstRetryInterval, MaxRetryInterval);
}
