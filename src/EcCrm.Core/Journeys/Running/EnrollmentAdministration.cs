using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>What operators do with enrollments: look at a customer's, cancel one.</summary>
public sealed class EnrollmentAdministration(IEnrollmentStore enrollments, IEnrollmentInbox inbox)
{
    public async Task<IReadOnlyList<EnrollmentView>> ListAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        [.. (await enrollments.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(enrollment => enrollment.CreatedAt)
            .Select(EnrollmentView.From)];

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
