using EcCrm.Core.Consent;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Orders;

/// <summary>
/// Ingests one order from the <c>orders</c> queue: stores it idempotently, re-projects the customer's profile
/// from all their orders under optimistic concurrency, and keeps the last-order index and the consent ledger in step.
/// Safe to run twice for the same message, and for two orders of one customer at the same moment. Within one process,
/// one customer's profile is re-projected by one order at a time, and orders that arrive meanwhile share the next
/// projection (which reads every order stored before it starts): a shop's create/paid/updated burst, or a batch holding
/// two orders of one customer, costs one projection more, not a write lost to the profile's ETag and redone. Between
/// processes the ETag still decides.
/// </summary>
public sealed partial class OrderIngestion(
    IOrderStore orders,
    IProfileStore profiles,
    ILastOrderIndex lastOrderIndex,
    IConsentLedger consent,
    IOptions<ShopOptions> shop,
    TimeProvider time,
    CustomerKeys keys,
    ILogger<OrderIngestion> logger)
{
    private readonly CoalescingRuns<CustomerKey, (CustomerProfile? Before, CustomerProfile After)> projections = new();

    public async Task<IngestResult> IngestAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        var customer = keys.ForOrder(order);
        var saved = await orders.SaveAsync(customer, order, cancellationToken).ConfigureAwait(false);
        EcCrmTelemetry.OrderIngested(order.Source.ToString(), saved.ToString());
        if (customer is not { } key)
        {
            LogAnonymous(order.Source.ToString(), order.OrderId);
            return new IngestResult(order, null, saved, null, null);
        }

        // The profile is re-projected even when this order was already stored: the earlier attempt may have
        // crashed between storing the order and writing the profile.
        using var span = EcCrmTelemetry.Source.StartActivity(EcCrmTelemetry.ProfileUpdateSpan);
        var (before, after) = await projections.RunAsync(key, () => ReprojectAsync(key, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
        LogIngested(order.Source.ToString(), order.OrderId, key.Value, saved.ToString(), after.OrderCount);
        return new IngestResult(order, key, saved, before, after);
    }

    /// <summary>
    /// Imports a customer's order history in one go (onboarding a shop, demo data): the orders are stored together
    /// and the profile is projected once. Safe to repeat; the result is the same as ingesting them one by one.
    /// </summary>
    /// <returns>The profiles of the customers the orders belong to, after the import.</returns>
    public async Task<IReadOnlyList<CustomerProfile>> ImportAsync(IReadOnlyList<OrderRecord> history, CancellationToken cancellationToken)
    {
        var imported = new List<CustomerProfile>();
        foreach (var group in history.GroupBy(keys.ForOrder))
        {
            if (group.Key is not { } key)
            {
                foreach (var anonymous in group)
                {
                    await orders.SaveAsync(null, anonymous, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await orders.SaveManyAsync(key, [.. group], cancellationToken).ConfigureAwait(false);
            var (_, after) = await ReprojectAsync(key, cancellationToken).ConfigureAwait(false);
            imported.Add(after);
        }

        return imported;
    }

    /// <summary>Re-projects a customer's profile from all their stored orders and moves them in the last-order index.</summary>
    public async Task<(CustomerProfile? Before, CustomerProfile After)> ReprojectAsync(CustomerKey key, CancellationToken cancellationToken)
    {
        var (before, after) = await profiles.UpdateAsync(key, ProjectAsync, cancellationToken).ConfigureAwait(false);
        if (IndexDate(before) is { } oldDate && oldDate != IndexDate(after))
        {
            await lastOrderIndex.RemoveAsync(oldDate, key, cancellationToken).ConfigureAwait(false);
        }

        return (before, after);

        async Task<CustomerProfile> ProjectAsync(CustomerProfile current, CancellationToken ct)
        {
            // Orders are read after the profile, so a conflicting writer always leaves us a view that includes its order.
            var all = await orders.ListByCustomerAsync(key, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var projected = ProfileProjection.Project(current, all, now);

            // The consent changes the orders report are recorded before the profile that shows them, as the index row is
            // (the ledger keeps each once, so a retried or repeated projection adds nothing).
            await consent.AddAsync(ConsentLedger.FromOrders(key, all, now), ct).ConfigureAwait(false);

            // The index row is written (idempotently) before the profile that points at it: a crash leaves an extra
            // row, never a missing one, and a row lost for any reason is restored by the customer's next order.
            if (IndexDate(projected) is { } newDate)
            {
                await lastOrderIndex.AddAsync(newDate, key, ct).ConfigureAwait(false);
            }

            return projected;
        }
    }

    /// <summary>The shop-local date under which a profile is listed in the last-order index.</summary>
    public DateOnly? IndexDate(CustomerProfile? profile) =>
        profile?.LastOrderAt is { } last ? TimeZones.DateIn(last, shop.Value.TimeZone) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Source} order {OrderId} for customer {CustomerKey}: {Saved}, {OrderCount} orders")]
    private partial void LogIngested(string source, string orderId, string customerKey, string saved, int orderCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Source} order {OrderId} without a customer (no e-mail, no customer id)")]
    private partial void LogAnonymous(string source, string orderId);
}
