using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcCrm.Core.Orders;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Journeys;

/// <summary><c>POST /api/journeys/backtest</c>: a draft replayed against the shop's history, nothing published.</summary>
public class BacktestApiTests
{
    [Fact]
    public async Task ReplaysADraftAgainstTheShopsHistoryWithoutPublishingIt()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"), ["Journeys:Scheduler"] = "false", ["Listeners:Enabled"] = "false" });
        using var api = host.CreateApiClient();
        await host.Services.GetRequiredService<Infrastructure.Storage.StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var now = DateTimeOffset.UtcNow;
        await host.Services.GetRequiredService<OrderIngestion>().ImportAsync([TestOrders.Paid("lapsed-1", "lapsed@example.jp", now.AddDays(-80))], default);
        var draft = (await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json"))).Replace("\"id\": \"winback-60\"", "\"id\": \"winback-draft\"", StringComparison.Ordinal);

        var response = await api.PostAsync(new Uri("/api/journeys/backtest?uplift=0.05", UriKind.Relative), new StringContent(draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("entries").GetInt32());
        Assert.Equal("lapsed@example.jp", report.GetProperty("entrants")[0].GetProperty("email").GetString());
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/journeys")).EnumerateArray());
    }

    [Fact]
    public async Task AnswersADraftWithMistakesOrAPeriodInTheFutureWith400()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"), ["Journeys:Scheduler"] = "false", ["Listeners:Enabled"] = "false" });
        using var api = host.CreateApiClient();
        var journey = await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json"));

        var broken = await api.PostAsync(new Uri("/api/journeys/backtest", UriKind.Relative), new StringContent(journey.Replace("\"for\": \"5d\"", "\"for\": \"5 days\"", StringComparison.Ordinal)));
        var future = await api.PostAsync(new Uri($"/api/journeys/backtest?to={DateTime.UtcNow.AddDays(3):yyyy-MM-dd}", UriKind.Relative), new StringContent(journey));

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("$.nodes[1].for", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("history only goes up to now", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
