using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;

namespace EcCrm.Core.Analytics;

/// <summary>
/// Builds a journey's report from its recorded events. Events are keyed, so the input holds each fact once; counts
/// are of distinct enrollments (entered, reached, converted) or distinct sends (sent, delivered, opened, clicked).
/// Holdout customers receive nothing, yet their goal orders count: that is the baseline the uplift is measured against.
/// </summary>
public static class JourneyReports
{
    public static JourneyReport Build(string journeyId, IReadOnlyCollection<JourneyEventRecord> events, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(events);
        var versions = events.GroupBy(e => e.Version).OrderBy(g => g.Key).Select(g => BuildOne(journeyId, g.Key, [.. g], confidence, [])).ToList();
        return BuildOne(journeyId, null, events, confidence, versions);
    }

    private static JourneyReport BuildOne(string journeyId, int? version, IReadOnlyCollection<JourneyEventRecord> events, double confidence, IReadOnlyList<JourneyReport> versions)
    {
        var treatment = Enrollments(events, JourneyEventKind.Entered);
        var holdout = Enrollments(events, JourneyEventKind.EnteredHoldout);
        var conversions = events.Where(e => e.Kind == JourneyEventKind.Converted)
            .GroupBy(e => e.EnrollmentId)
            .ToDictionary(g => g.Key, g => g.First().Revenue ?? 0m);
        var treatmentConverted = treatment.Count(conversions.ContainsKey);
        var holdoutConverted = holdout.Count(conversions.ContainsKey);

        var funnel = new FunnelCounts(
            Entered: treatment.Count,
            HeldOut: holdout.Count,
            Reached: Enrollments(events, JourneyEventKind.Sent).Count,
            Sent: Count(events, JourneyEventKind.Sent),
            Delivered: Count(events, JourneyEventKind.EmailDelivered),
            Opened: Count(events, JourneyEventKind.EmailOpened),
            Clicked: Count(events, JourneyEventKind.EmailClicked),
            Converted: treatmentConverted,
            HoldoutConverted: holdoutConverted,
            Revenue: treatment.Sum(id => conversions.GetValueOrDefault(id)),
            HoldoutRevenue: holdout.Sum(id => conversions.GetValueOrDefault(id)));

        var nodes = events.Where(e => e.NodeId is not null)
            .GroupBy(e => e.NodeId!)
            .OrderBy(g => g.Min(e => e.At))
            .Select(g => new NodeCounts(
                g.Key,
                Sent: g.Count(e => e.Kind == JourneyEventKind.Sent),
                Delivered: g.Count(e => e.Kind == JourneyEventKind.EmailDelivered),
                Opened: g.Count(e => e.Kind == JourneyEventKind.EmailOpened),
                Clicked: g.Count(e => e.Kind == JourneyEventKind.EmailClicked),
                Deferred: g.Count(e => e.Kind == JourneyEventKind.SendDeferred),
                Blocked: g.Count(e => e.Kind == JourneyEventKind.SendBlocked),
                Branches: g.Count(e => e.Kind == JourneyEventKind.BranchTaken),
                Actions: g.Count(e => e.Kind == JourneyEventKind.ActionTaken),
                ExitedHere: g.Count(e => e.Kind == JourneyEventKind.Exited)))
            .ToList();

        var exits = events.Where(e => e.Kind == JourneyEventKind.Exited)
            .GroupBy(e => ExitReasonOf(e.Detail))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var conversion = Statistics.CompareProportions(treatment.Count, treatmentConverted, holdout.Count, holdoutConverted, confidence);
        var revenue = CompareRevenue(treatment, holdout, conversions, confidence);
        return new JourneyReport(journeyId, version, funnel, nodes, exits, conversion, revenue, versions);
    }

    private static RevenueComparison CompareRevenue(HashSet<string> treatment, HashSet<string> holdout, Dictionary<string, decimal> conversions, double confidence)
    {
        var t = treatment.Select(id => (double)conversions.GetValueOrDefault(id)).ToList();
        var h = holdout.Select(id => (double)conversions.GetValueOrDefault(id)).ToList();
        var (difference, interval) = Statistics.CompareMeans(t, h, confidence);
        var (mt, _) = Statistics.MeanAndVariance(t);
        var (mh, _) = Statistics.MeanAndVariance(h);
        return new RevenueComparison(
            Money(mt),
            Money(mh),
            Money(difference),
            interval,
            Money(difference * treatment.Count),
            interval is { } i ? new Interval(i.Low * treatment.Count, i.High * treatment.Count) : null);
    }

    private static HashSet<string> Enrollments(IEnumerable<JourneyEventRecord> events, JourneyEventKind kind) =>
        [.. events.Where(e => e.Kind == kind).Select(e => e.EnrollmentId)];

    private static int Count(IEnumerable<JourneyEventRecord> events, JourneyEventKind kind) => events.Count(e => e.Kind == kind);

    // Exit details read "OrderPlaced: order 123" or "Unsubscribed".
    private static string ExitReasonOf(string? detail) => detail?.Split(':', 2)[0].Trim() is { Length: > 0 } reason ? reason : "Unknown";

    private static decimal Money(double value) => Math.Round((decimal)value, 2);
}
