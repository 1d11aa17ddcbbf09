using EcCrm.Core.Messaging;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// The rows of one customer's partition in the Profiles table (PartitionKey = customer key). Beside the
/// <c>profile</c> row, written by ingestion, the suppression list and the coupon issuer add a row for each suppression
/// of the customer's address and each coupon issued to them, and the consent ledger a row for each consent record, so
/// that a send reads everything about its customer with one query of one partition. Those rows are only ever added,
/// never changed (an erasure strips them).
/// </summary>
internal static class ProfilePartition
{
    public const string ProfileRow = TableProfileStore.RowKey;
    public const string SuppressionPrefix = "suppression:";
    public const string CouponPrefix = "coupon:";
    public const string ConsentPrefix = "consent:";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (which ends in ':').</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string SuppressionRow(string rowKeyInSuppressions) => SuppressionPrefix + rowKeyInSuppressions;

    public static string CouponRow(string code) => CouponPrefix + TableKeys.Escape(code);

    /// <summary>A consent record's row: <c>consent:</c> and its id, which starts with its time, so the rows sort by it.</summary>
    public static string ConsentRow(string recordId) => ConsentPrefix + recordId;

    public static bool IsConsent(string rowKey) => rowKey.StartsWith(ConsentPrefix, StringComparison.Ordinal);

    public static bool IsSuppression(string rowKey) => rowKey.StartsWith(SuppressionPrefix, StringComparison.Ordinal);

    public static bool IsCoupon(string rowKey) => rowKey.StartsWith(CouponPrefix, StringComparison.Ordinal);
}
