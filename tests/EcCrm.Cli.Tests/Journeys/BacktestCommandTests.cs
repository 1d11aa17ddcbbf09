using System.Text.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Shop;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Journeys;

/// <summary><c>eccrm journeys backtest</c> against a shop's history on Azurite, with the settings the Server reads.</summary>
public class BacktestCommandTests
{
    private static string Winback => RepositoryRoot.Combine("journeys", "winback.journey.json");

    [Fact]
    public async Task ShowsWhoWouldHaveEnteredOnWhichDayAndWhatEachNodeWouldHaveSent()
    {
        var now = DateTimeOffset.UtcNow;
        await using var services = await TestServices.CreateAsync(now);
        var ingestion = services.Get<OrderIngestion>();
        await ingestion.ImportAsync([TestOrders.Paid("lapsed-1", "lapsed@example.jp", now.AddDays(-80))], default);  // due 19 days ago
        await ingestion.ImportAsync([TestOrders.Paid("active-1", "active@example.jp", now.AddDays(-20))], default); // not due

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "journeys", "backtest", Winback, "--json");
        var (_, table) = await CliRun.RunAsync(services.Prefix, "journeys", "backtest", Winback);

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(output);
        var entrant = Assert.Single(report.RootElement.GetProperty("entrants").EnumerateArray());
        Assert.Equal("lapsed@example.jp", entrant.GetProperty("email").GetString());
        var due = TimeZones.DateIn(now.AddDays(-80), "Asia/Tokyo").AddDays(61);
        Assert.Equal(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), report.RootElement.GetProperty("entriesByDay")[0].GetProperty("date").GetString());
        Assert.Equal(2, report.RootElement.GetProperty("customers").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Contains("would have entered", table, StringComparison.Ordinal);
        Assert.Contains("│ email-1 │ winback-1 │", table, StringComparison.Ordinal);
        Assert.Contains("lapsed@example.jp", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAPeriodThatEndsInTheFuture()
    {
        await using var services = await TestServices.CreateAsync();

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "journeys", "backtest", Winback, "--to", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exitCode);
        Assert.Contains("history only goes up to now", output, StringComparison.Ordinal);
    }
}
