using System.Diagnostics.Metrics;

namespace EcCrm.Infrastructure.Queues;

/// <summary>Counts queue messages handed back for another attempt after their handler failed.</summary>
public static class QueueRetries
{
    public const string MeterName = "EcCrm.Queues";
    public const string RetriesInstrument = "eccrm.queue.retries";
    public const string QueueTag = "queue";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, unit: "{message}", description: "Messages whose handler failed and that will be tried again");

    public static void Record(string queue) => Retries.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));
}
