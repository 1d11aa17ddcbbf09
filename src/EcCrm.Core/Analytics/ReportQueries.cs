using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Analytics;

/// <summary>Reads what the reports need and builds them. The customer report scans all orders, so it is kept for a minute.</summary>
public sealed class ReportQueries(
    IJourneyEventLog events,
    ICustomerHistories histories,
    JourneyCatalog catalog,
    IOrderStore orders,
    IOptions<ShopOptions> shop,
    TimeProvider time) : IDisposable
{
    private static readonly TimeSpan CustomerReportLifetime = TimeSpan.FromMinutes(1);

    /// <summary>How the decider records a coupon it created: "coupon BACK-TLVSY26Q".</summary>
    private const string CouponDetail = "coupon ";
    private readonly SemaphoreSlim customerReportLock = new(1, 1);
    private CustomerReport? customerReport;

    /// <summary>The report of a published journey, or <c>null</c> when no such journey exists.</summary>
    public async Task<JourneyReport?> JourneyAsync(string journeyId, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(journeyId, cancellationToken).ConfigureAwait(false) is not { } published)
        {
            return null;
        }

        var recorded = new List<JourneyEventRecord>();
        await foreach (var journeyEvent in events.ListAsync(journeyId, cancellationToken).ConfigureAwait(false))
        {
            recorded.Add(journeyEvent);
        }

        var context = new JourneyReportContext(published.Definition, shop.Value.Currency) { Now = time.GetUtcNow() };
        if (context.HasValuedCoupons)
        {
            context = context with { CouponCosts = await CouponCostsAsync(journeyId, recorded, cancellationToken).ConfigureAwait(false) };
        }

        return JourneyReports.Build(journeyId, recorded, context: context);
    }

    /// <summary>
    /// What the coupon of each converted treatment enrollment gave away on its goal order, when the order used it: one
    /// read of the customer's orders per such enrollment.
    /// </summary>
    private async Task<Dictionary<string, decimal>> CouponCostsAsync(string journeyId, List<JourneyEventRecord> recorded, CancellationToken cancellationToken)
    {
        var costs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var coupons = recorded.Where(e => e.Kind == JourneyEventKind.ActionTaken && e.Group == EnrollmentGroup.Treatment && e.Detail?.StartsWith(CouponDetail, StringComparison.Ordinal) == true)
            .GroupBy(e => e.EnrollmentId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var definitions = new Dictionary<int, JourneyDefinition?>();
        foreach (var conversion in recorded.Where(e => e.Kind == JourneyEventKind.Converted && e.OrderId is not null && coupons.ContainsKey(e.EnrollmentId)))
        {
            var issued = coupons[conversion.EnrollmentId];
            if (!definitions.TryGetValue(issued.Version, out var definition))
            {
                definition = definitions[issued.Version] = await catalog.GetAsync(journeyId, issued.Version, cancellationToken).ConfigureAwait(false);
            }

            if (definition?.Node(issued.NodeId ?? string.Empty) is not ActionNode { Action: CreateCouponAction terms })
            {
                continue;
            }

            var order = (await orders.ListByCustomerAsync(conversion.Customer, cancellationToken).ConfigureAwait(false)).FirstOrDefault(o => o.OrderId == conversion.OrderId);
            if (order is not null)
            {
                costs[conversion.EnrollmentId] = CouponCosts.Of(terms, issued.Detail![CouponDetail.Length..].Trim(), order);
            }
        }

        return costs;
    }

    public async Task<CustomerReport> CustomersAsync(CancellationToken cancellationToken)
    {
        await customerReportLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (customerReport is null || now - customerReport.AsOf > CustomerReportLifetime || customerReport.AsOf > now)
            {
                customerReport = CustomerReports.Build(await histories.ListAsync(cancellationToken).ConfigureAwait(false), now, shop.Value.TimeZone);
            }

            return customerReport;
        }
        finally
        {
            customerReportLock.Release();
        }
    }

    public void Dispose() => customerReportLock.Dispose();
}
