using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>What operators do with enrollments: look at a customer's or a journey's, cancel one.</summary>
public sealed class EnrollmentAdministration(IEnrollmentStore enrollments, IEnrollmentInbox inbox)
{
    public async Task<IReadOnlyList<EnrollmentView>> ListAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        [.. (await enrollments.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(enrollment => enrollment.CreatedAt)
            .Select(EnrollmentView.From)];

    /// <summary>
    /// A journey's enrollments, newest first, with how many there are in each status; with <paramref name="status"/>
    /// only those in it, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<JourneyEnrollmentList> ListByJourneyAsync(string journeyId, EnrollmentStatus? status, int limit, CancellationToken cancellationToken)
    {
        var all = await enrollments.ListByJourneyAsync(journeyId, cancellationToken).ConfigureAwait(false);
        var byStatus = Enum.GetValues<EnrollmentStatus>().ToDictionary(value => value, value => all.Count(enrollment => enrollment.State.Status == value));
        var shown = all.Where(enrollment => status is null || enrollment.State.Status == status)
            .OrderByDescending(enrollment => enrollment.CreatedAt)
            .ThenBy(enrollment => enrollment.EnrollmentId, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .Select(EnrollmentView.From)
            .ToList();
        return new JourneyEnrollmentList(journeyId, status, all.Count, byStatus, shown);
    }

    /// <summary>Asks the run to stop (it exits with reason Cancelled when it processes this). <c>null</c> for an unknown enrollment.</summary>
    public async Task<EnrollmentView?> CancelAsync(string enrollmentId, string reason, CancellationToken cancellationToken)
    {
        if (!EnrollmentIds.TryParse(enrollmentId, out _, out _, out _)
            || await enrollments.GetAsync(enrollmentId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        if (!stored.Value.HasEnded)
        {
            await inbox.DeliverAsync(enrollmentId, new Cancel(reason), cancellationToken).ConfigureAwait(false);
        }

        return EnrollmentView.From(stored.Value);
    }
}
