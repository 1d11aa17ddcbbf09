using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// An input delivered again or late, as queues and timers do in production (at least once, in any order), so a timeline
/// shows that the journey shrugs it off: the decider recognises a stale timer by its token and an order it has seen by its id.
/// </summary>
public abstract record TimelineInjection
{
    private TimelineInjection()
    {
    }

    /// <summary>The timer that ends the wait at <paramref name="Node"/> is delivered <paramref name="Copies"/> times.</summary>
    public sealed record TimerCopies(string Node, int Copies, string? Journey) : TimelineInjection;

    /// <summary>The timer that ended the wait at <paramref name="Node"/> is delivered again <paramref name="Late"/> after it fired, when the step has been left.</summary>
    public sealed record LateTimer(string Node, JourneyDuration Late, string? Journey) : TimelineInjection;

    /// <summary>The order's webhook is delivered <paramref name="Copies"/> times.</summary>
    public sealed record OrderCopies(string OrderId, int Copies) : TimelineInjection;

    /// <summary>The order's webhook arrives <paramref name="Late"/> after the order was placed (a shop retrying for days).</summary>
    public sealed record LateOrder(string OrderId, JourneyDuration Late) : TimelineInjection;
}
