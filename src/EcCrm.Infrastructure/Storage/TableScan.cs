using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;

namespace EcCrm.Infrastructure.Storage;

/// <summary>
/// Reads a whole table, or what a filter selects of it, as sixteen queries over ranges of the partition key (by its
/// first hex digit: customer keys are spread evenly over them), a few at a time, pages in no particular order.
/// <para>
/// One query over a large table is slow on both stores, for different reasons. Azure Table storage serves one query's
/// pages one after the other, where ranges can be read side by side. Azurite answers every page of a query by filtering
/// the whole table and sorting what is left of the result, so one query of <c>n</c> rows sorts about <c>n²/2000</c>
/// rows in all; sixteen ranges sort a sixteenth of that each. Measured on Azurite with 40,000 rows: 3.7 s in ranges,
/// 8 to 11 s in one query (docs/benchmarks.md, backtest).
/// </para>
/// </summary>
public static class TableScan
{
    /// <summary>How many range queries run at once: enough to overlap round trips, few enough to leave the store room.</summary>
    private const int Parallelism = 4;

    private const int PageSize = 1000;

    /// <summary>The ranges' bounds: <c>null</c> below the first and above the last, so a key of any shape falls in one range.</summary>
    private static readonly (string? From, string? To)[] Ranges = [.. Enumerable.Range(0, 16).Select(digit => (
        digit == 0 ? null : digit.ToString("x", CultureInfo.InvariantCulture),
        digit == 15 ? null : (digit + 1).ToString("x", CultureInfo.InvariantCulture)))];

    /// <summary>Every page of rows the filter selects (all rows without one), with only the columns in <paramref name="select"/> when given.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<TableEntity>> PagesAsync(
        this TableClient table,
        string? filter = null,
        IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = select?.ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pages = Channel.CreateBounded<IReadOnlyList<TableEntity>>(new BoundedChannelOptions(Parallelism * 2) { SingleReader = true });
        var reading = ReadRangesAsync(table, filter, columns, pages.Writer, stop.Token);
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            await reading.ConfigureAwait(false);
        }
        finally
        {
            // A reader that stops early (an exception, a break) stops the range queries too.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(reading).ConfigureAwait(false);
        }
    }

    /// <summary>Every row the filter selects, page by page as <see cref="PagesAsync"/> reads them.</summary>
    public static async IAsyncEnumerable<TableEntity> RowsAsync(
        this TableClient table,
        string? filter = null,
        IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in table.PagesAsync(filter, select, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// Deletes every row the filter finds, each only as it was read (its ETag): a row changed since, or gone already, is
    /// left to whoever changed it. How many rows were deleted. For clean-ups of rows past their time.
    /// </summary>
    public static async Task<int> DeleteFoundAsync(this TableClient table, string filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var deleted = 0;
        await foreach (var row in table.RowsAsync(filter, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }

        return deleted;
    }

    private static async Task ReadRangesAsync(TableClient table, string? filter, List<string>? columns, ChannelWriter<IReadOnlyList<TableEntity>> pages, CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                Ranges,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (range, token) =>
                {
                    await foreach (var page in table.QueryAsync<TableEntity>(RangeFilter(range.From, range.To, filter), PageSize, columns, token).AsPages().ConfigureAwait(false))
                    {
                        await pages.WriteAsync(page.Values, token).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            pages.Complete();
        }
        catch (Exception ex)
        {
            pages.Complete(ex);
            throw;
        }
    }

    private static string RangeFilter(string? from, string? to, string? filter)
    {
        var bounds = (from, to) switch
        {
            (null, { } upper) => TableClient.CreateQueryFilter($"PartitionKey lt {upper}"),
            ({ } lower, null) => TableClient.CreateQueryFilter($"PartitionKey ge {lower}"),
            ({ } lower, { } upper) => TableClient.CreateQueryFilter($"PartitionKey ge {lower} and PartitionKey lt {upper}"),
            _ => throw new ArgumentException("A range has at least one bound."),
        };
        return string.IsNullOrWhiteSpace(filter) ? bounds : $"({bounds}) and ({filter})";
    }
}
