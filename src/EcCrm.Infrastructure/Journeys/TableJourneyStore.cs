using System.Globalization;
using Azure;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>
/// Journeys table, PartitionKey = journey id: one row per published version (RowKey <c>v000001</c>, the JSON as
/// published), a <c>settings</c> row (current version, paused), a <c>sweep</c> row (the sweep's checkpoint) and, for a
/// journey entered on a schedule, a <c>schedule</c> row (the last moment its schedule ran).
/// </summary>
public sealed class TableJourneyStore(StorageClients storage) : IJourneyStore, ISweepCheckpoints
{
    private const string SettingsRow = "settings";
    private const string SweepRow = "sweep";
    private const string ScheduleRow = "schedule";
    private const string RanThroughColumn = "RanThrough";
    private readonly TableClient table = storage.Table(storage.Names.Journeys);

    public static string VersionRow(int version) => "v" + version.ToString("D6", CultureInfo.InvariantCulture);

    public async Task<bool> TryAddVersionAsync(string journeyId, int version, string json, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(journeyId, VersionRow(version)) { ["Json"] = json, ["PublishedAt"] = publishedAt }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<string?> GetVersionAsync(string journeyId, int version, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(journeyId, VersionRow(version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetString("Json") : null;
    }

    public async Task<Versioned<JourneySettings>?> GetSettingsAsync(string journeyId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(journeyId, SettingsRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new Versioned<JourneySettings>(Settings(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<bool> TrySaveSettingsAsync(JourneySettings settings, string? version, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(settings.JourneyId, SettingsRow)
        {
            ["Name"] = settings.Name,
            ["CurrentVersion"] = settings.CurrentVersion,
            ["Paused"] = settings.Paused,
            ["UpdatedAt"] = settings.UpdatedAt,
            ["PauseReason"] = settings.PauseReason,
            ["ResumedAt"] = settings.ResumedAt,
        };
        try
        {
            if (version is null)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<JourneySettings>> ListSettingsAsync(CancellationToken cancellationToken)
    {
        var all = new List<JourneySettings>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {SettingsRow}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(Settings(row));
        }

        return all;
    }

    public async Task<DateOnly?> GetAsync(string journeyId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(journeyId, SweepRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString("SweptThrough") is { } date ? TableKeys.ParseDate(date) : null;
    }

    // The checkpoint only moves forward in practice (one sweep at a time per process; a concurrent one reads the same dates
    // and enrolls nobody twice), so last-writer-wins is harmless here.
    public async Task SetAsync(string journeyId, DateOnly sweptThrough, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(journeyId, SweepRow) { ["SweptThrough"] = TableKeys.Date(sweptThrough) }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task<DateTimeOffset?> GetScheduledAsync(string journeyId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(journeyId, ScheduleRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetDateTimeOffset(RanThroughColumn) : null;
    }

    // As for the sweep's row: one scheduled run at a time per process, and a second one finds everybody enrolled.
    public async Task SetScheduledAsync(string journeyId, DateTimeOffset ranThrough, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(journeyId, ScheduleRow) { [RanThroughColumn] = ranThrough }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    private static JourneySettings Settings(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("Name") ?? row.PartitionKey,
        row.GetInt32("CurrentVersion") ?? 1,
        row.GetBoolean("Paused") ?? false,
        row.GetDateTimeOffset("UpdatedAt") ?? default)
    {
        PauseReason = row.GetString("PauseReason"),
        ResumedAt = row.GetDateTimeOffset("ResumedAt"),
    };
}
