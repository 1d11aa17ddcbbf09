using System.Globalization;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>An issued coupon as a Table row, the same in the Coupons table and beside the customer's profile.</summary>
internal static class CouponEntity
{
    public static TableEntity ToEntity(string partitionKey, string rowKey, CustomerKey customer, string journeyId, CreateCoupon coupon, DateTimeOffset issuedAt) => new(partitionKey, rowKey)
    {
        ["Code"] = coupon.Code,
        ["Customer"] = customer.Value,
        ["JourneyId"] = journeyId,
        ["IdempotencyKey"] = coupon.IdempotencyKey,
        ["PercentOff"] = coupon.PercentOff?.ToString(CultureInfo.InvariantCulture),
        ["AmountOff"] = coupon.AmountOff?.ToString(CultureInfo.InvariantCulture),
        ["ValidUntil"] = coupon.ValidUntil,
        ["IssuedAt"] = issuedAt,
    };

    public static CreateCoupon ToCoupon(TableEntity row, string code) => new(
        row.GetString("IdempotencyKey") ?? code,
        code,
        decimal.TryParse(row.GetString("PercentOff"), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) ? percent : null,
        decimal.TryParse(row.GetString("AmountOff"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
        row.GetDateTimeOffset("ValidUntil") ?? default);
}
