using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// What a customer's tracked event means for journeys, as <see cref="OrderJourneyTriggers"/> does for orders: the
/// customer's running enrollments whose journey asks about it hear of it first (a <c>waitFor</c> on the event), then
/// journeys entered on that event enroll the customer. Safe to run again for the same event: the decider ignores an event id it has kept, and the
/// enrollment of a cycle is created once.
/// </summary>
public sealed class EventJourneyTriggers(JourneyCatalog catalog, IEnrollmentStore enrollments, IEnrollmentInbox inbox, JourneyEnrollment enrollment, TimeProvider time)
{
    /// <summary>Events that happened longer ago than this when they arrive (a backlog, an import) start no journey.</summary>
    public static readonly TimeSpan MaxEntryAge = OrderJourneyTriggers.MaxEntryAge;

    /// <returns>How many journeys the customer entered.</returns>
    public async Task<int> OnTrackedAsync(CustomerProfile profile, TrackedEvent tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(tracked);
        var input = EventTracked.From(tracked);
        var type = JourneyEventTypes.Of(tracked.Type);
        foreach (var running in await enrollments.ListByCustomerAsync(profile.Key, cancellationToken).ConfigureAwait(false))
        {
            // A customer browsing while in a long win-back must not cost that run an input per page view: only runs whose
            // journey asks about the event hear of it (the decider would ignore it anyway).
            if (!running.HasEnded
                && (await catalog.GetAsync(running.JourneyId, running.Version, cancellationToken).ConfigureAwait(false) is not { } journey || JourneyEventTypes.Asks(journey, type)))
            {
                await inbox.DeliverAsync(running.EnrollmentId, input, cancellationToken).ConfigureAwait(false);
            }
        }

        if (time.GetUtcNow() - tracked.OccurredAt > MaxEntryAge)
        {
            return 0;
        }

        var enrolled = 0;
        foreach (var journey in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!journey.Paused && journey.Definition.Entry.Trigger is EventTrigger trigger && trigger.Event == tracked.Type
                && (await enrollment.EnrollOnEventAsync(journey.Definition, profile, input, cancellationToken).ConfigureAwait(false)).Enrolled)
            {
                enrolled++;
            }
        }

        return enrolled;
    }
}
