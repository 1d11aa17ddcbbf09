using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Analytics;

/// <summary>Reads what the reports need and builds them. The customer report scans all orders, so it is kept for a minute.</summary>
public sealed class ReportQueries(
    IJourneyEventLog events,
    ICustomerHistories histories,
    JourneyCatalog catalog,
    IOptions<ShopOptions> shop,
    TimeProvider time) : IDisposable
{
    private static readonly TimeSpan CustomerReportLifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim customerReportLock = new(1, 1);
    private CustomerReport? customerReport;

    /// <summary>The report of a published journey, or <c>null</c> when no such journey exists.</summary>
    public async Task<JourneyReport?> JourneyAsync(string journeyId, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(journeyId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var recorded = new List<JourneyEventRecord>();
        await foreach (var journeyEvent in events.ListAsync(journeyId, cancellationToken).ConfigureAwait(false))
        {
            recorded.Add(journeyEvent);
        }

        return JourneyReports.Build(journeyId, recorded);
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
