using System.Diagnostics.Metrics;

namespace EcCrm.Core.Storage;

/// <summary>
/// Counts optimistic writes lost to another writer (an ETag that no longer matched, a row added meanwhile) and redone.
/// Each loss costs the reads and the write again; a steady count says two writers keep meeting on the same rows.
/// </summary>
public static class StorageConflicts
{
    public const string MeterName = "EcCrm.Storage";
    public const string ConflictsInstrument = "eccrm.storage.conflicts";
    public const string RowTag = "row";

    public const string Profile = "profile";
    public const string Order = "order";
    public const string Send = "send";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(ConflictsInstrument, unit: "{conflict}", description: "Conditional writes lost to another writer and redone");

    /// <param name="row">What kind of row the lost write was for: <see cref="Profile"/>, <see cref="Order"/>, <see cref="Send"/>.</param>
    public static void Record(string row) => Conflicts.Add(1, new KeyValuePair<string, object?>(RowTag, row));
}
