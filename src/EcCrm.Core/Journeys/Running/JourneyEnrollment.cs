using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// Enrolls a customer when the journey's entry rules let them in: creates the enrollment with its deterministic id
/// (a second attempt for the same cycle finds it and does nothing more) and hands it <see cref="Started"/>.
/// </summary>
public sealed class JourneyEnrollment(IEnrollmentStore enrollments, IEnrollmentInbox inbox, IOptions<ShopOptions> shop, TimeProvider time)
{
    public async Task<EnrollOutcome> EnrollAsync(JourneyDefinition journey, CustomerProfile profile, OrderPlaced? order, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = (await enrollments.ListByCustomerAsync(profile.Key, cancellationToken).ConfigureAwait(false))
            .Where(enrollment => enrollment.JourneyId == journey.Id)
            .ToList();
        var prior = new PriorEnrollments(
            mine.Count,
            mine.Count == 0 ? null : mine.Max(enrollment => enrollment.CreatedAt),
            mine.Select(enrollment => enrollment.State.EndedAt).Max(),
            mine.Any(enrollment => !enrollment.HasEnded));

        // A run created but never started (a crash between the two) is started now; Started twice is a no-op.
        if (mine.FirstOrDefault(enrollment => enrollment.State.Status == EnrollmentStatus.New) is { } unstarted)
        {
            await StartAsync(unstarted, profile, cancellationToken).ConfigureAwait(false);
            return new EnrollOutcome(unstarted.EnrollmentId, false, "already enrolled; started it");
        }

        var decision = EntryEvaluation.Evaluate(journey, profile, prior, now, shop.Value.TimeZone, order);
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
            await StartAsync(enrollment, profile, cancellationToken).ConfigureAwait(false);
        }

        return new EnrollOutcome(enter.EnrollmentId, created, created ? null : "already enrolled in this cycle");
    }

    private Task StartAsync(EnrollmentRecord enrollment, CustomerProfile profile, CancellationToken cancellationToken) =>
        inbox.DeliverAsync(
            enrollment.EnrollmentId,
            new Started(enrollment.EnrollmentId, enrollment.Group, JourneyProfile.From(profile, shop.Value.TimeZone), enrollment.CreatedAt),
            cancellationToken);
}
