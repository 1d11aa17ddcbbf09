using System.Globalization;
using Azure.Data.Tables;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Storage;

public class TableScanTests
{
    /// <summary>Partition keys at and around every range bound, and keys that are not hex at all.</summary>
    private static readonly string[] Partitions =
    [
        "", "0", "00ff", "0fff", "1", "1000", "9fff", "a", "anonymous", "af", "b", "f", "f0", "ffff", "g", "zz", "~", "A", "Z", "-", "é",
        .. Enumerable.Range(0, 300).Select(n => (n * 7919 % 65536).ToString("x4", CultureInfo.InvariantCulture)),
    ];

    [Fact]
    public async Task EveryRowIsReadOnceWhateverItsPartitionKey()
    {
        await using var services = await TestServices.CreateAsync();
        var table = await TableAsync(services);

        var read = new List<string>();
        await foreach (var row in table.RowsAsync())
        {
            read.Add($"{row.PartitionKey}/{row.RowKey}");
        }

        Assert.Equal(Partitions.Distinct().SelectMany(p => new[] { $"{p}/1", $"{p}/2" }).Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheFilterAndTheColumnsApplyInEveryRange()
    {
        await using var services = await TestServices.CreateAsync();
        var table = await TableAsync(services);

        var read = new List<TableEntity>();
        await foreach (var row in table.RowsAsync(TableClient.CreateQueryFilter($"RowKey eq {"2"} and PartitionKey ne {"anonymous"}"), ["PartitionKey", "Kept"]))
        {
            read.Add(row);
        }

        Assert.Equal(Partitions.Distinct().Where(p => p != "anonymous").Order(StringComparer.Ordinal), read.Select(row => row.PartitionKey).Order(StringComparer.Ordinal));
        Assert.All(read, row => Assert.Equal("yes", row.GetString("Kept")));
        Assert.All(read, row => Assert.False(row.ContainsKey("Dropped")));
    }

    [Fact]
    public async Task AReaderThatStopsEarlyStopsTheQueries()
    {
        await using var services = await TestServices.CreateAsync();
        var table = await TableAsync(services);

        async Task<int> FirstPageAsync()
        {
            await foreach (var page in table.PagesAsync())
            {
                return page.Count;
            }

            return 0;
        }

        // Leaving the loop returns: the range queries still running are cancelled, not left waiting on a full channel.
        Assert.InRange(await FirstPageAsync().WaitAsync(TimeSpan.FromSeconds(30)), 1, 1000);
    }

    [Fact]
    public async Task AMissingTableFailsTheReaderInsteadOfEndingQuietly()
    {
        await using var services = await TestServices.CreateAsync();
        var missing = services.Storage.Table(services.Prefix + "nosuchtable");

        await Assert.ThrowsAsync<Azure.RequestFailedException>(async () =>
        {
            await foreach (var row in missing.RowsAsync())
            {
                Assert.Fail($"read {row.PartitionKey} from a table that does not exist");
            }
        });
    }

    private static async Task<TableClient> TableAsync(TestServices services)
    {
        var table = services.Storage.Table(services.Prefix + "scan");
        await table.CreateIfNotExistsAsync();
        foreach (var partition in Partitions.Distinct())
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "1") { ["Kept"] = "yes", ["Dropped"] = "no" }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "2") { ["Kept"] = "yes", ["Dropped"] = "no" }),
            ]);
        }

        return table;
    }
}
