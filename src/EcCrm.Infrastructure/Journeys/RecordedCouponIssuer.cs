using System.Globalization;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Coupons table, PartitionKey = coupon code: every coupon a journey issued, for the shop to honour (or for an
/// adapter to create in the shop platform). The same code is recorded once.
/// </summary>
public sealed class RecordedCouponIssuer(StorageClients storage, TimeProvider time) : ICouponIssuer
{
    private readonly TableClient table = storage.Table(storage.Names.Coupons);

    public async Task IssueAsync(CustomerKey customer, string journeyId, CreateCoupon coupon, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKeys.Escape(coupon.Code), "coupon")
            {
                ["Customer"] = customer.Value,
                ["JourneyId"] = journeyId,
                ["IdempotencyKey"] = coupon.IdempotencyKey,
                ["PercentOff"] = coupon.PercentOff?.ToString(CultureInfo.InvariantCulture),
                ["AmountOff"] = coupon.AmountOff?.ToString(CultureInfo.InvariantCulture),
                ["ValidUntil"] = coupon.ValidUntil,
                ["IssuedAt"] = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Issued by an earlier attempt.
        }
    }

    public async Task<CreateCoupon?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(code), "coupon", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return null;
        }

        var coupon = row.Value!;
        return new CreateCoupon(
            coupon.GetString("IdempotencyKey") ?? code,
            code,
            decimal.TryParse(coupon.GetString("PercentOff"), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) ? percent : null,
            decimal.TryParse(coupon.GetString("AmountOff"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
            coupon.GetDateTimeOffset("ValidUntil") ?? default);
    }
}
