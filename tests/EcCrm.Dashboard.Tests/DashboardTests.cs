using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EcCrm.Cli;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Spectre.Console;

namespace EcCrm.Dashboard.Tests;

public class DashboardTests
{
    [Fact]
    public async Task SendsAnyoneWithoutTheKeyToTheSignInPageAndRefusesAWrongKey()
    {
        await using var server = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        await using var browser = await BrowserHost.StartAsync(server);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(browser.Address, "/").ToString());
        Assert.EndsWith("/login", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#apiKey", "not-the-key-at-all");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal("That is not the API key.", (await page.TextContentAsync("[role=alert]"))?.Trim());
    }

    [Fact]
    public async Task ShowsTheSameNumbersAsTheApiOnDemoData()
    {
        await using var server = new ServerHost(new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"), ["Shop:Currency"] = "JPY" });
        await using var browser = await BrowserHost.StartAsync(server);
        var (code, _) = await SeedAsync(server.Prefix, customers: 300);
        Assert.Equal(0, code);
        using var api = new HttpClient { BaseAddress = browser.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);

        var page = await SignedInPageAsync(browser);
        await page.GotoAsync(new Uri(browser.Address, "/?journey=winback-60").ToString());

        var journey = await api.GetFromJsonAsync<JsonElement>("/api/reports/journeys/winback-60");
        var funnel = journey.GetProperty("funnel");
        foreach (var (testId, property) in new[] { ("funnel-entered", "entered"), ("funnel-reached", "reached"), ("funnel-sent", "sent"), ("funnel-delivered", "delivered"), ("funnel-opened", "opened"), ("funnel-clicked", "clicked"), ("funnel-converted", "converted"), ("funnel-held-out", "heldOut"), ("funnel-holdout-converted", "holdoutConverted") })
        {
            Assert.Equal(funnel.GetProperty(property).GetInt32().ToString("N0", CultureInfo.InvariantCulture), await TextAsync(page, testId));
        }

        var conversion = journey.GetProperty("conversion");
        Assert.Equal(Percent(conversion.GetProperty("treatmentRate")), await TextAsync(page, "conversion-treatment"));
        Assert.Equal(Percent(conversion.GetProperty("holdoutRate")), await TextAsync(page, "conversion-holdout"));
        Assert.Equal(Points(conversion.GetProperty("absoluteUplift")), await TextAsync(page, "uplift-absolute"));
        if (conversion.GetProperty("treatmentSize").GetInt32() > 0 && conversion.GetProperty("holdoutSize").GetInt32() > 0)
        {
            Assert.Equal(Points(conversion.GetProperty("absoluteUpliftInterval").GetProperty("low")), await TextAsync(page, "uplift-low"));
            Assert.Equal(Points(conversion.GetProperty("absoluteUpliftInterval").GetProperty("high")), await TextAsync(page, "uplift-high"));
        }

        Assert.Equal(Yen(journey.GetProperty("revenue").GetProperty("incrementalRevenue")), await TextAsync(page, "incremental-revenue"));

        var customers = await api.GetFromJsonAsync<JsonElement>("/api/reports/customers");
        Assert.Equal(customers.GetProperty("customers").GetInt32().ToString("N0", CultureInfo.InvariantCulture), await TextAsync(page, "customers-count"));
        Assert.Equal(Percent(customers.GetProperty("repeatPurchaseRate")), await TextAsync(page, "repeat-rate"));
        Assert.True(customers.GetProperty("customers").GetInt32() > 250, "the demo data should be there");
        foreach (var segment in customers.GetProperty("segments").EnumerateObject())
        {
            var name = char.ToUpperInvariant(segment.Name[0]) + segment.Name[1..];
            Assert.Equal(segment.Value.GetInt32().ToString("N0", CultureInfo.InvariantCulture), await TextAsync(page, $"segment-{name}"));
        }
    }

    [Fact]
    public async Task ShowsTheNpsPerJourneyAndWeekAsTheApiDoesWithTheCommentsAsText()
    {
        await using var server = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        await using var browser = await BrowserHost.StartAsync(server);
        var store = server.Services.GetRequiredService<EcCrm.Core.Surveys.ISurveyAnswerStore>();
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        foreach (var answer in new[]
        {
            SurveyAnswers.Nps("a@example.jp", "post-purchase-nps", "10", at),
            SurveyAnswers.Nps("b@example.jp", "post-purchase-nps", "2", at, "<b>arrived broken</b>"),
            SurveyAnswers.Nps("c@example.jp", "post-purchase-nps", "9", at.AddDays(-7)),
        })
        {
            Assert.True(await store.TryAddAsync(answer, CancellationToken.None));
        }

        using var api = new HttpClient { BaseAddress = browser.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        var report = await api.GetFromJsonAsync<JsonElement>("/api/reports/surveys");

        var page = await SignedInPageAsync(browser);

        Assert.Equal(Nps(report.GetProperty("overall").GetProperty("nps")), await TextAsync(page, "nps-overall"));
        Assert.Equal("+33", await TextAsync(page, "nps-overall"));
        Assert.Equal(Nps(report.GetProperty("journeys")[0].GetProperty("nps")), await TextAsync(page, "nps-journey-post-purchase-nps"));
        foreach (var week in report.GetProperty("weeks").EnumerateArray())
        {
            Assert.Equal(Nps(week.GetProperty("nps")), await TextAsync(page, $"nps-week-{week.GetProperty("key").GetString()}"));
        }

        Assert.Equal(2, report.GetProperty("weeks").GetArrayLength());
        Assert.Contains("<b>arrived broken</b>", await TextAsync(page, "survey-comment"), StringComparison.Ordinal);
    }

    private static string Nps(JsonElement value) => value.GetDouble().ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static async Task<IPage> SignedInPageAsync(BrowserHost browser)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(browser.Address, "/login").ToString());
        await page.FillAsync("#apiKey", TestSettings.ApiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Uri(browser.Address, "/").ToString());
        return page;
    }

    private static async Task<string> TextAsync(IPage page, string testId) =>
        (await page.GetByTestId(testId).TextContentAsync())?.Trim() ?? string.Empty;

    private static string Percent(JsonElement value) => value.GetDouble().ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Points(JsonElement value) => (value.GetDouble() * 100).ToString("+0.0' pts';-0.0' pts';0.0' pts'", CultureInfo.InvariantCulture);

    private static string Yen(JsonElement value) => value.GetDecimal().ToString("¥#,##0;-¥#,##0", CultureInfo.InvariantCulture);

    private static async Task<(int Code, string Output)> SeedAsync(string prefix, int customers)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var code = await EcCrmCommands.CreateRoot(console, TestSettings.For(prefix)).Parse(["seed", "--customers", customers.ToString(CultureInfo.InvariantCulture)]).InvokeAsync();
        return (code, output.ToString());
    }
}
