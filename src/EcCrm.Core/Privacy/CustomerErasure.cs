using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Privacy;

/// <summary>
/// Erases a customer (GDPR article 17, APPI): runs first, so nothing is sent meanwhile; then the copies of sent e-mails
/// (found through the send ledger, before it is stripped), orders, index rows, enrollments, prepared exports, tracked
/// shop events and survey answers with their comments; the profile last, so an
/// erasure that fails half-way still finds the customer and can be run again. Kept without personal data: the send
/// ledger rows (idempotency, frequency cap, report counts), the journey events reports count, and each suppression as
/// a tombstone under the address's key, so an address that had unsubscribed is never mailed again. The consent records
/// are kept, without their evidence, until a month after the customer's last e-mail (the proof of consent Japan's Act on
/// Specified Electronic Mail asks a sender to keep), and no longer count as consent; erasing again after that date
/// deletes them.
/// </summary>
public sealed class CustomerErasure(
    IProfileStore profiles,
    IOrderStore orders,
    IEnrollmentStore enrollments,
    IPersonalData data,
    ICustomerRuns runs,
    IPreparedExports exports,
    IConsentLedger consent,
    ICustomerEvents events,
    ISurveyAnswerStore answers,
    TimeProvider time)
{
    /// <summary><c>null</c> when nothing is held about the customer.</summary>
    public async Task<ErasureReport?> EraseAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var profile = (await profiles.GetAsync(customer, cancellationToken).ConfigureAwait(false))?.Value;
        var enrolled = await enrollments.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
        var keepConsentUntil = ConsentLedger.KeepAfterErasureUntil(LastEmailAt(await data.ListSendsAsync(customer, cancellationToken).ConfigureAwait(false)), now);
        if (profile is null && enrolled.Count == 0 && (await orders.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            // Erased before (or never known): an export prepared before an erasure that failed half-way may be left, and
            // consent records, deleted once their time has come.
            var stale = await exports.DeleteAsync(customer, cancellationToken).ConfigureAwait(false);
            var leftAnswers = await answers.EraseAsync(customer, cancellationToken).ConfigureAwait(false);
            var (left, purgedRecords) = await consent.EraseAsync(customer, keepConsentUntil, now, cancellationToken).ConfigureAwait(false);
            return purgedRecords == 0 && stale == 0 && leftAnswers == 0
                ? null
                : new ErasureReport(customer, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                {
                    PreparedExports = stale,
                    SurveyAnswers = leftAnswers,
                    ConsentRecordsKept = left,
                    ConsentRecordsDeleted = purgedRecords,
                    ConsentKeptUntil = left > 0 ? keepConsentUntil : null,
                };
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
        var eventRows = await events.EraseAsync(customer, cancellationToken).ConfigureAwait(false);
        var answerRows = await answers.EraseAsync(customer, cancellationToken).ConfigureAwait(false);
        var (kept, deleted) = await consent.EraseAsync(customer, keepConsentUntil, now, cancellationToken).ConfigureAwait(false);
        var erased = await data.EraseProfileAsync(customer, profile?.Email, cancellationToken).ConfigureAwait(false);
        return new ErasureReport(
            customer, erased.Profiles, orderRows, indexRows, enrollmentRows, purged, enrolled.Count - purged,
            sends.Count, mails, erased.Coupons, erased.SuppressionTombstones)
        {
            PreparedExports = prepared,
            TrackedEvents = eventRows,
            SurveyAnswers = answerRows,
            ConsentRecordsKept = kept,
            ConsentRecordsDeleted = deleted,
            ConsentKeptUntil = kept > 0 ? keepConsentUntil : null,
        };
    }

    /// <summary>When the customer was last sent e-mail that may have reached them (accepted, or with its outcome unknown).</summary>
    private static DateTimeOffset? LastEmailAt(IReadOnlyList<SendRecord> sends) =>
        sends.Select(send => send.SentAt ?? (send.Status is SendStatus.Unconfirmed or SendStatus.Claimed ? send.LastClaimedAt : (DateTimeOffset?)null))
            .Max();
}
