using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>A suppression as a Table row, the same in the Suppressions table and beside the customer's profile.</summary>
internal static class SuppressionEntity
{
    private const string AllGroups = "*";

    /// <summary>The row key in the Suppressions table: kind and group, so adding one again finds the first.</summary>
    public static string RowKey(Suppression suppression) => TableKeys.Escape($"{suppression.Kind}:{suppression.Group ?? AllGroups}");

    public static TableEntity ToEntity(string partitionKey, string rowKey, Suppression suppression) => new(partitionKey, rowKey)
    {
        ["Kind"] = suppression.Kind.ToString(),
        ["Group"] = suppression.Group ?? AllGroups,
        ["At"] = suppression.At,
        ["Reason"] = suppression.Reason,
    };

    public static Suppression ToSuppression(TableEntity row)
    {
        var group = row.GetString("Group");
        return new Suppression(
            Enum.TryParse<SuppressionKind>(row.GetString("Kind"), out var kind) ? kind : SuppressionKind.Unsubscribed,
            group == AllGroups ? null : group,
            row.GetDateTimeOffset("At") ?? default,
            row.GetString("Reason"));
    }
}
