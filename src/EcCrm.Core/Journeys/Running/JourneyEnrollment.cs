using EcCrm.Core.Diagnostics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Enrolls a customer when the journey's entry rules let them in: creates the enrollment with its deterministic id
/// (a second attempt for the same cycle finds it and does nothing more) and hands it <see cref="Started"/>.
/// </summary>
public sealed class JourneyEnrollment(IEnrollmentStore enrollments, IEnrollmentInbox inbox, IOptions<ShopOptions> shop, TimeProvider time)
{
    /// <summary>Enrolls now, reading the customer's earlier enrollments first.</summary>
    public async Task<EnrollOutcome> EnrollAsync(JourneyDefinition journey, CustomerProfile profile, OrderPlaced? order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(profile);
        var mine = (await enrollments.ListByCustomerAsync(profile.Key, cancellationToken).ConfigureAwait(false))
            .Where(enrollment => enrollment.JourneyId == journey.Id)
            .ToList();
        return await EnrollAsync(journey, profile, order, mine, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enrolls on a tracked event, as of the moment it happened (never later than now): the waits count from it, and an
    /// order placed after it (the checkout completed) counts as placed after entry.
    /// </summary>
    public async Task<EnrollOutcome> EnrollOnEventAsync(JourneyDefinition journey, CustomerProfile profile, EventTracked tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(tracked);
        var mine = (await enrollments.ListByCustomerAsync(profile.Key, cancellationToken).ConfigureAwait(false))
            .Where(enrollment => enrollment.JourneyId == journey.Id)
            .ToList();
        var now = time.GetUtcNow();
        return await EnrollAsync(journey, profile, null, tracked, mine, tracked.At < now ? tracked.At : now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enrolls at <paramref name="now"/> (a sweep's or a scheduled run's moment) with the customer's earlier enrollments in
    /// this journey already known (<paramref name="earlier"/>, read in bulk for many customers at once).
    /// </summary>
    public Task<EnrollOutcome> EnrollAsync(
        JourneyDefinition journey, CustomerProfile profile, OrderPlaced? order, IReadOnlyList<EnrollmentRecord> earlier, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnrollAsync(journey, profile, order, null, earlier, now, cancellationToken);

    private async Task<EnrollOutcome> EnrollAsync(
        JourneyDefinition journey, CustomerProfile profile, OrderPlaced? order, EventTracked? tracked, IReadOnlyList<EnrollmentRecord> earlier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(earlier);
        profile = RfmSegmentation.AsOf(profile, now);

        // A run created but never started (a crash between the two) is started now; Started twice is a no-op.
        if (earlier.FirstOrDefault(enrollment => enrollment.State.Status == EnrollmentStatus.New) is { } unstarted)
        {
            await StartAsync(unstarted, profile, tracked, cancellationToken).ConfigureAwait(false);
            return new EnrollOutcome(unstarted.EnrollmentId, false, "already enrolled; started it");
        }

        var decision = EntryEvaluation.Evaluate(journey, profile, Prior(order is null ? earlier : Hearing(journey, earlier, order, now)), now, shop.Value.TimeZone, order, tracked);
        if (decision is not EnterJourney enter)
        {
            return EnrollOutcome.Skipped(decision is SkipEntry skip ? skip.Reason : "not entered");
        }

        var enrollment = new EnrollmentRecord
        {
            EnrollmentId = enter.EnrollmentId,
            Customer = profile.Key,
            JourneyId = journey.Id,
            Version = journey.Version,
            Group = enter.Group,
            CreatedAt = now,
        };
        var created = await enrollments.TryCreateAsync(enrollment, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            EcCrmTelemetry.JourneyEntered(journey.Id);
            await StartAsync(enrollment, profile, tracked, cancellationToken).ConfigureAwait(false);
        }

        return new EnrollOutcome(enter.EnrollmentId, created, created ? null : "already enrolled in this cycle");
    }

    /// <summary>What the entry rules need to know of a customer's earlier enrollments in one journey.</summary>
    public static PriorEnrollments Prior(IReadOnlyCollection<EnrollmentRecord> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return earlier.Count == 0
            ? PriorEnrollments.None
            : new PriorEnrollments(
                earlier.Count,
                earlier.Max(enrollment => enrollment.CreatedAt),
                earlier.Select(enrollment => enrollment.State.EndedAt).Max(),
                earlier.Any(enrollment => !enrollment.HasEnded));
    }

    /// <summary>
    /// The earlier enrollments as they will be once their runs have heard of <paramref name="order"/>. Runs hear of an order
    /// through their queue, after this entry decision: without this, the order that ends a cycle (a replenishment that exits
    /// on the next order) would find the cycle still running and could never start the next one. The decider says, from
    /// each run's saved state, whether the order ends it; a run of another version of the journey is left as it is.
    /// </summary>
    public static IReadOnlyList<EnrollmentRecord> Hearing(JourneyDefinition journey, IReadOnlyList<EnrollmentRecord> earlier, OrderPlaced order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(earlier);
        return [.. earlier.Select(record =>
            record.HasEnded || record.State.Status == EnrollmentStatus.New || record.Version != journey.Version
                ? record
                : JourneyDecider.Decide(journey, record.State, order, now).State is { HasEnded: true } ended ? record with { State = ended } : record)];
    }

    private Task StartAsync(EnrollmentRecord enrollment, CustomerProfile profile, EventTracked? tracked, CancellationToken cancellationToken) =>
        inbox.DeliverAsync(
            enrollment.EnrollmentId,
            new Started(enrollment.EnrollmentId, enrollment.Group, JourneyProfile.From(profile, shop.Value.TimeZone), enrollment.CreatedAt) { EntryValue = tracked?.Value },
            cancellationToken);
}
