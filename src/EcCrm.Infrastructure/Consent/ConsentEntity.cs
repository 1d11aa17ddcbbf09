using System.Text.Json;
using Azure.Data.Tables;
using EcCrm.Core.Consent;
using EcCrm.Core.Json;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Profiles;

namespace EcCrm.Infrastructure.Consent;

/// <summary>A consent record as a row beside the customer's profile (<see cref="ProfilePartition.ConsentRow"/>).</summary>
internal static class ConsentEntity
{
    public const string EvidenceColumn = "Evidence";

    public static TableEntity ToEntity(ConsentRecord record) => new(record.Customer.Value, ProfilePartition.ConsentRow(record.Id))
    {
        ["At"] = record.At,
        ["Change"] = record.Change.ToString(),
        ["Source"] = record.Source.ToString(),
        ["Reference"] = record.Reference,
        ["Group"] = record.Group,
        [EvidenceColumn] = record.Evidence.Count == 0 ? null : JsonSerializer.Serialize(record.Evidence, EcCrmJson.Options),
        ["RecordedAt"] = record.RecordedAt,
        ["ErasedAt"] = record.ErasedAt,
        ["KeepUntil"] = record.KeepUntil,
    };

    public static ConsentRecord ToRecord(TableEntity row) => new()
    {
        Customer = CustomerKey.Parse(row.PartitionKey),
        At = row.GetDateTimeOffset("At") ?? default,
        Change = Enum.TryParse<ConsentChange>(row.GetString("Change"), out var change) ? change : ConsentChange.OptOut,
        Source = Enum.TryParse<ConsentSource>(row.GetString("Source"), out var source) ? source : ConsentSource.Api,
        Reference = row.GetString("Reference") ?? string.Empty,
        Group = row.GetString("Group"),
        Evidence = row.GetString(EvidenceColumn) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json, EcCrmJson.Options) ?? []
            : System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty,
        RecordedAt = row.GetDateTimeOffset("RecordedAt") ?? default,
        ErasedAt = row.GetDateTimeOffset("ErasedAt"),
        KeepUntil = row.GetDateTimeOffset("KeepUntil"),
    };
}
