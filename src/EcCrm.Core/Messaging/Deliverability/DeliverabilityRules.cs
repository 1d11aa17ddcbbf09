using System.Globalization;
using EcCrm.Core.Messaging.Events;

namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>The guard's rules: which events mark a send, and when a journey's counts call for a pause (and why, in words).</summary>
public static class DeliverabilityRules
{
    /// <summary>
    /// The provider reports on every message it accepted, so any event marks the send as sent; a bounce (of any kind:
    /// blocks hurt reputation too) and a spam report mark it besides.
    /// </summary>
    public static IReadOnlyList<DeliverabilityMark> MarksOf(ProviderEventType type) => type switch
    {
        ProviderEventType.Bounce => [DeliverabilityMark.Sent, DeliverabilityMark.Bounced],
        ProviderEventType.SpamReport => [DeliverabilityMark.Sent, DeliverabilityMark.Complained],
        ProviderEventType.Deferred => [], // not delivered yet, nor refused
        _ => [DeliverabilityMark.Sent],
    };

    /// <summary>Why the journey must be paused, or <c>null</c> while its rates are within the thresholds.</summary>
    public static string? PauseReason(DeliverabilityCounts counts, DeliverabilityOptions options, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        if (counts.Sends >= options.MinSendsForComplaints && Rate(counts.Complaints, counts.Sends) > options.MaxComplaintRate)
        {
            return Reason("spam complaints", counts.Complaints, counts.Sends, options.MaxComplaintRate, since);
        }

        if (counts.Sends >= options.MinSendsForBounces && Rate(counts.Bounces, counts.Sends) > options.MaxBounceRate)
        {
            return Reason("bounces", counts.Bounces, counts.Sends, options.MaxBounceRate, since);
        }

        return null;
    }

    private static double Rate(int part, int sends) => sends == 0 ? 0 : (double)part / sends;

    private static string Reason(string what, int count, int sends, double threshold, DateTimeOffset since) => string.Create(
        CultureInfo.InvariantCulture,
        $"Deliverability: {count:N0} {what} in {sends:N0} sends since {since:yyyy-MM-dd HH:mm} UTC ({Rate(count, sends):0.###%}), above the threshold of {threshold:0.###%}.");
}
