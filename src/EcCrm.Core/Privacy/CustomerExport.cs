using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Privacy;

/// <summary>Everything held about a customer, for a copy on request (GDPR article 20, APPI).</summary>
public sealed class CustomerExport(IProfileStore profiles, IOrderStore orders, IEnrollmentStore enrollments, IPersonalData data, IConsentLedger consent, ICustomerEvents events, ISurveyAnswerStore answers, TimeProvider time)
{
    /// <summary><c>null</c> when no profile, order or enrollment of the customer is held (as after an erasure).</summary>
    public async Task<CustomerExportDocument?> ExportAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetAsync(customer, cancellationToken).ConfigureAwait(false))?.Value;
        var orderList = await orders.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
        var enrolled = await enrollments.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
        if (profile is null && orderList.Count == 0 && enrolled.Count == 0)
        {
            // Unknown, or erased: what an erasure keeps (ledger rows without content, suppression tombstones) names no one.
            return null;
        }

        var sends = await data.ListSendsAsync(customer, cancellationToken).ConfigureAwait(false);

        var suppressions = await data.ListSuppressionsAsync(customer, profile?.Email, cancellationToken).ConfigureAwait(false);
        return new CustomerExportDocument(
            customer,
            time.GetUtcNow(),
            profile,
            [.. orderList.OrderBy(order => order.PlacedAt)],
            suppressions,
            [.. sends.OrderBy(send => send.QueuedAt).Select(send => send with { Version = null })],
            [.. enrolled.OrderBy(enrollment => enrollment.CreatedAt).Select(EnrollmentView.From)])
        {
            Consent = await consent.ListAsync(customer, cancellationToken).ConfigureAwait(false),
            Events = await events.ListAsync(customer, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false),
            SurveyAnswers = await answers.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false),
        };
    }
}
