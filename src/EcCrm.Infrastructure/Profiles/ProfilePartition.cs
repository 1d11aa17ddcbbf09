using EcCrm.Core.Messaging;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// The rows of one customer's partition in the Profiles table (PartitionKey = customer key). Beside the
/// <c>profile</c> row, written by ingestion, the suppression list and the coupon issuer add a row for each suppression
/// of the customer's address and each coupon issued to them, so that a send reads everything about its customer with
/// one query of one partition. Those rows are only ever added, never changed.
/// </summary>
internal static class ProfilePartition
{
    public const string ProfileRow = TableProfileStore.RowKey;
    public const string SuppressionPrefix = "suppression:";
    public const string CouponPrefix = "coupon:";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (which ends in ':').</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string SuppressionRow(string rowKeyInSuppressions) => SuppressionPrefix + rowKeyInSuppressions;

    public static string CouponRow(string code) => CouponPrefix + TableKeys.Escape(code);

    public static bool IsSuppression(string rowKey) => rowKey.StartsWith(SuppressionPrefix, StringComparison.Ordinal);

    public static bool IsCoupon(string rowKey) => rowKey.StartsWith(CouponPrefix, StringComparison.Ordinal);
}
