using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Orders;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// What an ingested order means for journeys: every running enrollment of the customer hears of it (exit on order,
/// goal, conversion, waitFor branches), then journeys entered by an order enroll the customer. It runs again when an
/// order message is redelivered or the order is updated; the decider ignores an order it has seen and enrollment ids
/// are deterministic, so nothing happens twice. An order that arrives late (a shop retries a failed webhook for up to
/// two days) still reaches running enrollments: the decider judges it by when it was placed, so it ends a win-back
/// and counts as its conversion if it was placed after entry and within the goal window. When the order (or an update of
/// one, such as a cancellation) moves the customer to another segment, running enrollments hear of the new profile too
/// (<see cref="ProfileChanges"/>), which is what ends those that exit on <c>leftSegment</c>.
/// </summary>
public sealed class OrderJourneyTriggers(JourneyCatalog catalog, IEnrollmentInbox inbox, JourneyEnrollment enrollment, ProfileChanges changes, TimeProvider time)
{
    /// <summary>Orders placed longer ago than this when they arrive are history (an import, a re-sent backlog): they start no journey.</summary>
    public static readonly TimeSpan MaxEntryAge = TimeSpan.FromDays(2);

    public async Task<int> OnIngestedAsync(IngestResult result, CancellationToken cancellationToken)
    {
        if (result.Customer is not { } customer || result.ProfileAfter is not { } profile)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        if (!result.Order.CountsAsPurchase)
        {
            await changes.AfterUpdateAsync(result.ProfileBefore, profile, now, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var order = Input(result.Order);

        // Running enrollments first, so a journey the order starts does not also receive it as "ordered again"; the order
        // before the profile it changed, so a goal order converts before the new segment can end the enrollment.
        await inbox.DeliverToActiveAsync(customer, order, cancellationToken).ConfigureAwait(false);
        await changes.AfterUpdateAsync(result.ProfileBefore, profile, now, cancellationToken).ConfigureAwait(false);
        if (now - result.Order.PlacedAt > MaxEntryAge)
        {
            return 0;
        }

        var enrolled = 0;
        foreach (var journey in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!journey.Paused && journey.Definition.Entry.Trigger is OrderPlacedTrigger
                && (await enrollment.EnrollAsync(journey.Definition, profile, order, cancellationToken).ConfigureAwait(false)).Enrolled)
            {
                enrolled++;
            }
        }

        return enrolled;
    }

    public static OrderPlaced Input(OrderRecord order) => new(
        order.OrderId,
        order.PlacedAt,
        order.NetRevenue,
        [.. order.Lines.Select(line => line.ProductId).Distinct(StringComparer.Ordinal)],
        [.. order.Lines.SelectMany(line => line.Categories).Distinct(StringComparer.OrdinalIgnoreCase)]);
}
