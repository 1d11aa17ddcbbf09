using EcCrm.Core.Consent;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Privacy;

/// <summary>
/// Keeps what EcCrm holds no longer than it says: once a day, with the entry sweep, it removes tracked events older than
/// <see cref="TrackingOptions.RetentionDays"/> for every customer and visitor (an event is otherwise pruned only when
/// its customer is heard of again, so the events of one who never comes back would stay for good), the links of
/// visitors to customers not confirmed within that time, the deliverability marks older than the guard's window, and the
/// consent records of erased customers once the time they were kept for is past (erasure keeps them a month after the
/// last e-mail, as proof of consent; without this run they would wait for the customer to be erased again).
/// Safe to run again or at the same time as itself: it only deletes what is already past its time.
/// </summary>
public sealed partial class DataRetention(
    ICustomerEvents events,
    IDeliverabilityLedger deliverability,
    IConsentLedger consent,
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
        var consentRecords = await consent.PurgeKeptAsync(now, cancellationToken).ConfigureAwait(false);
        LogPruned(trackedEvents, marks, consentRecords);
        return new RetentionReport(trackedEvents, marks, consentRecords);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: removed {TrackedEvents} tracked events and visitor links, {Marks} deliverability marks and {ConsentRecords} kept consent records of erased customers past their time")]
    private partial void LogPruned(int trackedEvents, int marks, int consentRecords);
}

/// <summary>What one retention run removed.</summary>
public sealed record RetentionReport(int TrackedEvents, int DeliverabilityMarks, int ConsentRecords);
