using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Privacy;

/// <summary>
/// Keeps what EcCrm holds no longer than it says: once a day, with the entry sweep, it removes tracked events older than
/// <see cref="TrackingOptions.RetentionDays"/> for every customer and visitor (an event is otherwise pruned only when
/// its customer is heard of again, so the events of one who never comes back would stay for good), the links of
/// visitors to customers not confirmed within that time, and the deliverability marks older than the guard's window.
/// Safe to run again or at the same time as itself: it only deletes what is already past its time.
/// </summary>
public sealed partial class DataRetention(
    ICustomerEvents events,
    IDeliverabilityLedger deliverability,
    IOptions<TrackingOptions> tracking,
    IOptions<DeliverabilityOptions> guard,
    TimeProvider time,
    ILogger<DataRetention> logger)
{
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var trackedEvents = await events.PruneAllAsync(now.AddDays(-tracking.Value.RetentionDays), cancellationToken).ConfigureAwait(false);
        var marks = await deliverability.PruneAsync(now - guard.Value.Window, cancellationToken).ConfigureAwait(false);
        LogPruned(trackedEvents, marks);
        return new RetentionReport(trackedEvents, marks);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: removed {TrackedEvents} tracked events and visitor links past their time, and {Marks} deliverability marks")]
    private partial void LogPruned(int trackedEvents, int marks);
}

/// <summary>What one retention run removed.</summary>
public sealed record RetentionReport(int TrackedEvents, int DeliverabilityMarks);
