using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Coupons table, PartitionKey = coupon code: every coupon a journey issued, for the shop to honour (or for an
/// adapter to create in the shop platform). The same code is recorded once. Each coupon is also added beside the
/// customer's profile (<see cref="ProfilePartition"/>), first, so that the e-mails showing it read it with the customer.
/// </summary>
public sealed class RecordedCouponIssuer(StorageClients storage, TimeProvider time) : ICouponIssuer
{
    private readonly TableClient table = storage.Table(storage.Names.Coupons);
    private readonly TableClient profiles = storage.Table(storage.Names.Profiles);

    public async Task IssueAsync(CustomerKey customer, string journeyId, CreateCoupon coupon, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        var issuedAt = time.GetUtcNow();
        await AddOnceAsync(profiles, CouponEntity.ToEntity(customer.Value, ProfilePartition.CouponRow(coupon.Code), customer, journeyId, coupon, issuedAt), cancellationToken).ConfigureAwait(false);
        await AddOnceAsync(table, CouponEntity.ToEntity(TableKeys.Escape(coupon.Code), "coupon", customer, journeyId, coupon, issuedAt), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CreateCoupon?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(code), "coupon", cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? CouponEntity.ToCoupon(row.Value!, code) : null;
    }

    private static async Task AddOnceAsync(TableClient into, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await into.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Issued by an earlier attempt.
        }
    }
}
