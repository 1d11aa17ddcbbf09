namespace EcCrm.Engine;

/// <summary>
/// The Server's Durable Task engine (DurableTask.Core on the Azure Storage backend). Its defaults suit one machine:
/// one partition, short polling, and visibility and lease timeouts that bound how long work waits after a crash.
/// </summary>
public sealed class DurableOptions
{
    public const string SectionName = "Durable";

    /// <summary>
    /// The task hub: the engine's own queues, tables and blobs in the storage account (prefixed like every other name
    /// when <c>Storage__Prefix</c> is set). Never share one with a Function App: two engines would take each other's work.
    /// </summary>
    public string TaskHub { get; set; } = "EcCrmServer";

    /// <summary>This process's name on the engine's partition leases. A restarted process with the same name takes its work back at once.</summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>Control queues; fixed when the task hub is created. One suits one machine.</summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>The longest the engine waits between polls of an idle queue (also the latest a durable timer fires late).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a message taken by a process that then dies stays hidden before another attempt: the bound on recovery after a crash.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a partition lease lasts without renewal: how soon another process takes over a dead one's partitions.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a run's history stays in memory between its steps instead of being read back from the history table.
    /// Off, as in Durable Functions: with it on, a run could stall after the process was killed mid-step (its history
    /// held rows of two episodes and no timer), one in 200 in the fault harness (docs/reliability.md).
    /// </summary>
    public bool ExtendedSessions { get; set; }

    /// <summary>Activities run at once in this process.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>Orchestration episodes run at once in this process.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>How often the purge of finished runs runs (their retention is <c>JourneyRuns:PurgeAfter</c>).</summary>
    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromHours(6);
}
