using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Queues;

namespace EcCrm.Benchmarks.Ingest;

/// <summary>
/// Listens to EcCrm's own counters during a run: conditional writes lost to another writer (by row kind) and queue
/// messages retried, so a run says how often orders fought over the same rows.
/// </summary>
internal sealed class IngestCounters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public IngestCounters()
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Name is StorageConflicts.ConflictsInstrument or QueueRetries.RetriesInstrument)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var label = instrument.Name;
            foreach (var tag in tags)
            {
                label += $"[{tag.Value}]";
            }

            counts.AddOrUpdate(label, value, (_, total) => total + value);
        });
        listener.Start();
    }

    public long this[string label] => counts.GetValueOrDefault(label);

    public static string Conflicts(string row) => $"{StorageConflicts.ConflictsInstrument}[{row}]";

    public static string Retries(string queue) => $"{QueueRetries.RetriesInstrument}[{queue}]";

    public void Reset() => counts.Clear();

    public void Dispose() => listener.Dispose();
}
