using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Suppressions table: PartitionKey = the address's customer key (a hash: no raw address is stored as a key),
/// RowKey = kind and group. Adding one again keeps the first.
/// </summary>
public sealed class TableSuppressionList(StorageClients storage) : ISuppressionList
{
    private const string AllGroups = "*";
    private readonly TableClient table = storage.Table(storage.Names.Suppressions);

    public async Task<IReadOnlyList<Suppression>> GetAsync(string emailAddress, CancellationToken cancellationToken)
    {
        var partition = CustomerKey.FromEmail(emailAddress).Value;
        var found = new List<Suppression>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(FromRow(row));
        }

        return found;
    }

    /// <summary>The suppression a row holds (also for bulk reads of the table).</summary>
    internal static Suppression FromRow(TableEntity row)
    {
        var group = row.GetString("Group");
        return new Suppression(
            Enum.TryParse<SuppressionKind>(row.GetString("Kind"), out var kind) ? kind : SuppressionKind.Unsubscribed,
            group == AllGroups ? null : group,
            row.GetDateTimeOffset("At") ?? default,
            row.GetString("Reason"));
    }

    public async Task AddAsync(string emailAddress, Suppression suppression, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        var group = suppression.Group ?? AllGroups;
        var entity = new TableEntity(CustomerKey.FromEmail(emailAddress).Value, TableKeys.Escape($"{suppression.Kind}:{group}"))
        {
            ["Kind"] = suppression.Kind.ToString(),
            ["Group"] = group,
            ["At"] = suppression.At,
            ["Reason"] = suppression.Reason,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Suppressed before: the first time stands.
        }
    }
}
