using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy;

/// <summary>
/// Erases a customer (GDPR article 17, APPI): runs first, so nothing is sent meanwhile; then the copies of sent e-mails
/// (found through the send ledger, before it is stripped), orders, index rows, enrollments and prepared exports; the profile last, so an
/// erasure that fails half-way still finds the customer and can be run again. Kept without personal data: the send
/// ledger rows (idempotency, frequency cap, report counts), the journey events reports count, and each suppression as
/// a tombstone under the address's key, so an address that had unsubscribed is never mailed again.
/// </summary>
public sealed class CustomerErasure(
    IProfileStore profiles, IOrderStore orders, IEnrollmentStore enrollments, IPersonalData data, ICustomerRuns runs, IPreparedExports exports)
{
    /// <summary><c>null</c> when nothing is held about the customer.</summary>
    public async Task<ErasureReport?> EraseAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetAsync(customer, cancellationToken).ConfigureAwait(false))?.Value;
        var enrolled = await enrollments.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
        if (profile is null && enrolled.Count == 0 && (await orders.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            // Nothing left to erase, but an export prepared before an erasure that failed half-way may be.
            await exports.DeleteAsync(customer, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var purged = 0;
        foreach (var enrollment in enrolled)
        {
            purged += await runs.StopAndForgetAsync(enrollment.EnrollmentId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var sends = await data.StripSendsAsync(customer, cancellationToken).ConfigureAwait(false);
        var mails = await data.DeleteMailCopiesAsync(sends, cancellationToken).ConfigureAwait(false);
        var orderRows = await data.DeleteOrdersAsync(customer, cancellationToken).ConfigureAwait(false);
        var indexRows = await data.DeleteFromLastOrderIndexAsync(customer, cancellationToken).ConfigureAwait(false);
        var enrollmentRows = await data.DeleteEnrollmentsAsync(customer, cancellationToken).ConfigureAwait(false);
        var prepared = await exports.DeleteAsync(customer, cancellationToken).ConfigureAwait(false);
        var erased = await data.EraseProfileAsync(customer, profile?.Email, cancellationToken).ConfigureAwait(false);
        return new ErasureReport(
            customer, erased.Profiles, orderRows, indexRows, enrollmentRows, purged, enrolled.Count - purged,
            sends.Count, mails, erased.Coupons, erased.SuppressionTombstones)
        {
            PreparedExports = prepared,
        };
    }
}
