using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;

namespace EcCrm.Core.Analytics;

/// <summary>
/// Builds a journey's report from its recorded events. Events are keyed, so the input holds each fact once; counts
/// are of distinct enrollments (entered, reached, converted) or distinct sends (sent, delivered, opened, clicked).
/// Holdout customers receive nothing, yet their goal orders count: that is the baseline the uplift is measured against.
/// Nodes come in the order of the journey's file (every node, events or not), then nodes only older versions had.
/// </summary>
public static class JourneyReports
{
    public static JourneyReport Build(string journeyId, IReadOnlyCollection<JourneyEventRecord> events, double confidence = 0.95, JourneyReportContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        context ??= new JourneyReportContext(null, null);
        var versions = events.GroupBy(e => e.Version).OrderBy(g => g.Key).Select(g => BuildOne(journeyId, g.Key, [.. g], confidence, context, [])).ToList();
        return BuildOne(journeyId, null, events, confidence, context, versions);
    }

    private static JourneyReport BuildOne(string journeyId, int? version, IReadOnlyCollection<JourneyEventRecord> events, double confidence, JourneyReportContext context, IReadOnlyList<JourneyReport> versions)
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

        var exits = events.Where(e => e.Kind == JourneyEventKind.Exited)
            .GroupBy(e => ExitReasonOf(e.Detail))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var finished = Finished(events, context);
        var progress = new EnrollmentProgress(
            treatment.Count(id => !finished.Contains(id)), treatment.Count(finished.Contains), holdout.Count(id => !finished.Contains(id)), holdout.Count(finished.Contains));
        var conversion = Statistics.CompareProportions(treatment.Count, treatmentConverted, holdout.Count, holdoutConverted, confidence);
        var finishedConversion = Statistics.CompareProportions(
            progress.TreatmentFinished, treatment.Count(id => finished.Contains(id) && conversions.ContainsKey(id)),
            progress.HoldoutFinished, holdout.Count(id => finished.Contains(id) && conversions.ContainsKey(id)),
            confidence);
        var revenue = CompareRevenue(treatment, holdout, conversions, confidence, context);
        return new JourneyReport(journeyId, version, funnel, Nodes(events, context.Journey), exits, conversion, revenue, versions)
        {
            Currency = context.Currency,
            HasHoldout = context.Journey is { } journey ? journey.Entry.Holdout is { Percent: > 0 } || holdout.Count > 0 : true,
            GoalDays = context.Journey?.Goal?.OrderWithinDays,
            Progress = progress,
            FinishedConversion = finishedConversion,
            Recovery = context.Journey?.Entry.Trigger is EventTrigger trigger ? Recover(trigger, events, funnel) : null,
        };
    }

    /// <summary>The value each group left behind at entry (recorded with the entry event, once per enrollment) and the goal revenue that came back.</summary>
    private static RecoveryFigures Recover(EventTrigger trigger, IReadOnlyCollection<JourneyEventRecord> events, FunnelCounts funnel)
    {
        decimal LeftBehind(JourneyEventKind kind) =>
            events.Where(e => e.Kind == kind).GroupBy(e => e.EnrollmentId, StringComparer.Ordinal).Sum(g => g.First().Value ?? 0m);
        return new RecoveryFigures(JourneyEventTypes.Name(trigger.Event), LeftBehind(JourneyEventKind.Entered), LeftBehind(JourneyEventKind.EnteredHoldout), funnel.Revenue, funnel.HoldoutRevenue);
    }

    /// <summary>
    /// Enrollments whose goal window is over: entered at least the goal's days before now, so whether they converted
    /// is settled (an early conversion does not end the window: counting converters as finished before the others would
    /// make the finished look better than they are). Without a goal or a now, enrollments that ended.
    /// </summary>
    private static HashSet<string> Finished(IReadOnlyCollection<JourneyEventRecord> events, JourneyReportContext context)
    {
        if (context.Journey?.Goal is { } goal && context.Now is { } now)
        {
            return [.. events.Where(e => e.Kind is JourneyEventKind.Entered or JourneyEventKind.EnteredHoldout && goal.EndsAt(e.At) <= now).Select(e => e.EnrollmentId)];
        }

        return [.. events.Where(e => e.Kind is JourneyEventKind.Completed or JourneyEventKind.Exited).Select(e => e.EnrollmentId)];
    }

    /// <summary>Every node of the journey in the order of its file, then the nodes only older versions had, in the order they were first used.</summary>
    private static List<NodeCounts> Nodes(IReadOnlyCollection<JourneyEventRecord> events, JourneyDefinition? journey)
    {
        var byNode = events.Where(e => e.NodeId is not null).GroupBy(e => e.NodeId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var nodes = new List<NodeCounts>();
        foreach (var node in journey?.Nodes ?? [])
        {
            nodes.Add(Counts(node.Id, byNode.GetValueOrDefault(node.Id) ?? []) with { Type = TypeOf(node), Template = (node as SendNode)?.Template });
        }

        nodes.AddRange(byNode.Where(pair => journey?.Node(pair.Key) is null)
            .OrderBy(pair => pair.Value.Min(e => e.At))
            .Select(pair => Counts(pair.Key, pair.Value) with { Template = pair.Value.FirstOrDefault(e => e.Kind == JourneyEventKind.Sent)?.Detail?.Split(':')[0] }));
        return nodes;
    }

    private static NodeCounts Counts(string nodeId, List<JourneyEventRecord> at) => new(
        nodeId,
        Sent: at.Count(e => e.Kind == JourneyEventKind.Sent),
        Delivered: at.Count(e => e.Kind == JourneyEventKind.EmailDelivered),
        Opened: at.Count(e => e.Kind == JourneyEventKind.EmailOpened),
        Clicked: at.Count(e => e.Kind == JourneyEventKind.EmailClicked),
        Deferred: at.Count(e => e.Kind == JourneyEventKind.SendDeferred),
        Blocked: at.Count(e => e.Kind == JourneyEventKind.SendBlocked),
        Branches: at.Count(e => e.Kind == JourneyEventKind.BranchTaken),
        Actions: at.Count(e => e.Kind == JourneyEventKind.ActionTaken),
        ExitedHere: at.Count(e => e.Kind == JourneyEventKind.Exited))
    {
        Reached = at.Select(e => e.EnrollmentId).Distinct(StringComparer.Ordinal).Count(),
        BlockedBy = ByReason(at, JourneyEventKind.SendBlocked),
        DeferredBy = ByReason(at, JourneyEventKind.SendDeferred),
    };

    // Send outcomes read "winback-1: quiet hours".
    private static Dictionary<string, int> ByReason(List<JourneyEventRecord> at, JourneyEventKind kind) =>
        at.Where(e => e.Kind == kind)
            .GroupBy(e => e.Detail?.Split(": ", 2) is [_, var reason] ? reason : "unknown", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string TypeOf(JourneyNode node) => node switch
    {
        SendNode { Survey: not null } => "survey",
        SendNode => "send",
        DelayNode => "delay",
        WaitForNode => "waitFor",
        SplitNode => "split",
        ExperimentNode => "experiment",
        ActionNode => "action",
        ExitNode => "exit",
        _ => "node",
    };

    private static RevenueComparison CompareRevenue(HashSet<string> treatment, HashSet<string> holdout, Dictionary<string, decimal> conversions, double confidence, JourneyReportContext context)
    {
        var t = treatment.Select(id => (double)conversions.GetValueOrDefault(id)).ToList();
        var h = holdout.Select(id => (double)conversions.GetValueOrDefault(id)).ToList();
        var (difference, interval) = Statistics.CompareMeans(t, h, confidence);
        var (mt, _) = Statistics.MeanAndVariance(t);
        var (mh, _) = Statistics.MeanAndVariance(h);
        var incremental = Money(difference * treatment.Count);
        var incrementalInterval = interval is { } i ? new Interval(i.Low * treatment.Count, i.High * treatment.Count) : (Interval?)null;
        decimal? couponCost = context.HasValuedCoupons ? treatment.Sum(id => context.CouponCosts.GetValueOrDefault(id)) : null;
        return new RevenueComparison(Money(mt), Money(mh), Money(difference), interval, incremental, incrementalInterval)
        {
            CouponCost = couponCost,
            IncrementalRevenueNetOfCoupons = incremental - couponCost,
            IncrementalRevenueNetOfCouponsInterval = couponCost is { } cost && incrementalInterval is { } j ? new Interval(j.Low - (double)cost, j.High - (double)cost) : null,
        };
    }

    private static HashSet<string> Enrollments(IEnumerable<JourneyEventRecord> events, JourneyEventKind kind) =>
        [.. events.Where(e => e.Kind == kind).Select(e => e.EnrollmentId)];

    private static int Count(IEnumerable<JourneyEventRecord> events, JourneyEventKind kind) => events.Count(e => e.Kind == kind);

    // Exit details read "OrderPlaced: order 123" or "Unsubscribed".
    private static string ExitReasonOf(string? detail) => detail?.Split(':', 2)[0].Trim() is { Length: > 0 } reason ? reason : "Unknown";

    private static decimal Money(double value) => Math.Round((decimal)value, 2);
}
