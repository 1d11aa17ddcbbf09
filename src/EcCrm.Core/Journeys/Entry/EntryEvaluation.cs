using System.Globalization;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Entry;

/// <summary>
/// Decides, purely, whether a customer enters a journey now: re-entry rules, the trigger, the filter (checked once,
/// here), then the group by a hash of the enrollment id and the holdout salt. The daily sweep calls it for inactivity
/// and segment triggers, order ingestion for order triggers (passing the order), the scheduled runs at each cron occurrence; <see cref="EntrySchedule"/> says when those look and whom they find.
/// </summary>
public static class EntryEvaluation
{
    public static EntryDecision Evaluate(
        JourneyDefinition journey,
        CustomerProfile profile,
        PriorEnrollments prior,
        DateTimeOffset now,
        string shopTimeZone,
        OrderPlaced? order = null,
        EventTracked? tracked = null)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(prior);
        if (Reentry(journey.Entry.Reentry, prior, now) is { } blocked)
        {
            return new SkipEntry(blocked, EntryStage.Reentry);
        }

        if (Trigger(journey.Entry.Trigger, profile, prior, now, order, tracked) is { } notTriggered)
        {
            return new SkipEntry(notTriggered);
        }

        var cycle = prior.Count + 1;
        var enrollmentId = EnrollmentId(journey.Id, profile.Key, cycle);
        if (journey.Entry.Filter is { } filter
            && ConditionExplanation.WhyNot(filter, JourneyProfile.From(profile, shopTimeZone), [], enrollmentId, now, now) is { } failed)
        {
            return new SkipEntry($"the entry filter does not hold: {failed}", EntryStage.Filter);
        }

        var holdout = journey.Entry.Holdout is { Percent: > 0 } rules && JourneyHash.Bucket(enrollmentId, rules.Salt, 100) < rules.Percent;
        return new EnterJourney(enrollmentId, cycle, holdout ? EnrollmentGroup.Holdout : EnrollmentGroup.Treatment);
    }

    public static string EnrollmentId(string journeyId, CustomerKey customer, int cycle) =>
        string.Create(CultureInfo.InvariantCulture, $"{journeyId}:{customer.Value}:{cycle}");

    /// <summary>
    /// The first moment the re-entry rules let a customer with these earlier enrollments enter again
    /// (<see cref="DateTimeOffset.MinValue"/> when nothing holds them back), or <c>null</c> when the rules let them in no
    /// more, or not while an enrollment is still active. <see cref="Evaluate"/> skips, for re-entry, exactly the moments
    /// before it, so a caller that checks many moments can leave those out.
    /// </summary>
    public static DateTimeOffset? EarliestEntry(ReentryRules rules, PriorEnrollments prior)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(prior);
        if (prior.Count == 0)
        {
            return DateTimeOffset.MinValue;
        }

        if (rules.Policy == ReentryPolicy.Never || (rules.MaxEntries is { } max && prior.Count >= max) || prior.HasActive)
        {
            return null;
        }

        return rules.Policy == ReentryPolicy.Cooldown && rules.CooldownDays is { } days && prior.LastEnteredAt is { } last
            ? last.AddDays(days)
            : DateTimeOffset.MinValue;
    }

    private static string? Reentry(ReentryRules rules, PriorEnrollments prior, DateTimeOffset now)
    {
        if (EarliestEntry(rules, prior) is { } earliest && now >= earliest)
        {
            return null;
        }

        if (rules.Policy == ReentryPolicy.Never)
        {
            return "already entered once, and the journey never lets a customer enter again";
        }

        if (rules.MaxEntries is { } max && prior.Count >= max)
        {
            return $"already entered {prior.Count} times, the most the journey allows";
        }

        if (prior.HasActive)
        {
            return "still in the journey";
        }

        var entered = prior.LastEnteredAt!.Value;
        return $"entered {(int)(now - entered).TotalDays} days ago; the cooldown is {rules.CooldownDays} days";
    }

    private static string? Trigger(EntryTrigger trigger, CustomerProfile profile, PriorEnrollments prior, DateTimeOffset now, OrderPlaced? order, EventTracked? tracked)
    {
        switch (trigger)
        {
            case InactivityTrigger inactivity:
                if (profile.LastOrderAt is not { } last)
                {
                    return "has never ordered";
                }

                if (prior.LastEnteredAt is { } entered && entered >= last)
                {
                    return "already entered since the last order";
                }

                double? threshold = inactivity.Intervals is { } times && profile.AverageDaysBetweenOrders is { } usual
                    ? times * usual
                    : inactivity.Days;
                if (threshold is null)
                {
                    return "has no usual re-order interval yet (fewer than two orders)";
                }

                var idle = (now - last).TotalDays;
                return idle >= threshold
                    ? null
                    : string.Create(CultureInfo.InvariantCulture, $"last ordered {idle:0.#} days ago; enters after {threshold:0.#}");
            case OrderPlacedTrigger placed:
                if (order is null)
                {
                    return "enters only when an order is placed";
                }

                if (placed.Which == OrderMatch.First && profile.OrderCount > 1)
                {
                    return "not the customer's first order";
                }

                var products = placed.ProductIds.Count == 0 || order.ProductIds.Intersect(placed.ProductIds, StringComparer.Ordinal).Any();
                var categories = placed.Categories.Count == 0 || order.Categories.Intersect(placed.Categories, StringComparer.OrdinalIgnoreCase).Any();
                return products && categories ? null : "the order has none of the products or categories the journey is for";
            case EventTrigger onEvent:
                return WhyNotOn(onEvent, profile, tracked);
            case SegmentTrigger segment:
                return segment.Segments.Contains(profile.Segment) ? null : NotIn(profile.Segment, segment.Segments);
            case ScheduleTrigger schedule:
                return schedule.Segments.Count == 0 || schedule.Segments.Contains(profile.Segment) ? null : NotIn(profile.Segment, schedule.Segments);
            default:
                return "unknown trigger";
        }
    }

    private static string? WhyNotOn(EventTrigger trigger, CustomerProfile profile, EventTracked? tracked)
    {
        var name = JourneyEventTypes.Name(trigger.Event);
        if (tracked is null || tracked.Type != trigger.Event)
        {
            return $"enters only on {name}";
        }

        if (trigger.MinValue is { } min && !(tracked.Value >= min))
        {
            return tracked.Value is { } value
                ? string.Create(CultureInfo.InvariantCulture, $"the {name} is worth {value:0.##}, less than {min:0.##}")
                : string.Create(CultureInfo.InvariantCulture, $"the {name} has no value to compare with {min:0.##}");
        }

        if (trigger.ProductIds.Count > 0 && !tracked.ProductIds.Intersect(trigger.ProductIds, StringComparer.Ordinal).Any())
        {
            return $"the {name} is about none of the products the journey is for";
        }

        // The order that completed a checkout may be ingested before the checkout's own event arrives.
        return profile.LastOrderAt is { } ordered && ordered >= tracked.At
            ? $"ordered at {ordered:yyyy-MM-dd HH:mm} UTC, after the {name}"
            : null;
    }

    private static string NotIn(RfmSegment segment, IReadOnlyList<RfmSegment> segments) =>
        $"in segment {ConditionExplanation.Name(segment)}, not in {string.Join(", ", segments.Select(ConditionExplanation.Name))}";
}
