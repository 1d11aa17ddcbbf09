using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EcCrm.Dashboard.Tests;

/// <summary>
/// The dashboard explains itself, in a browser: the funnel in journey order with why sends were blocked or deferred,
/// amounts with their currency, every uplift figure with its interval (or why there is none), every node in journey
/// order, the journey's enrollments by status, when the next sweep runs and running it now, and names decoded.
/// </summary>
public class DashboardExplanationTests
{
    private static readonly string[] WinbackNodes = ["email-1", "wait-1", "coupon", "email-2", "opened-2", "short-wait", "reminder-time", "email-3", "done"];

    [Fact]
    public async Task TheJourneyIsExplainedInJourneyOrderWithReasonsCurrencyAndIntervals()
    {
        await using var server = Server();
        await using var browser = await BrowserHost.StartAsync(server);
        await PublishedAsync(server);
        await RecordAsync(server);

        var page = await SignedInPageAsync(browser, "/?journey=winback-60");

        // Entered, then each send node as the journey reaches it, then the goal: not "Converted" above "Clicked" as a step.
        Assert.Equal(["Entered", "email-1", "email-2", "email-3", "Converted (goal order within 30 days)"], await FirstCellsAsync(page, "[data-testid=funnel-step]"));
        Assert.Equal(["email-1", "email-2", "email-3"], await AttributesAsync(page, "[data-testid=funnel-step][data-node]", "data-node"));
        Assert.Equal("3", await TextAsync(page, "funnel-entered"));
        Assert.Equal("1", await TextAsync(page, "funnel-converted"));
        Assert.Equal("2: no marketing consent 1, suppressed 1", await TextAsync(page, "step-blocked-email-1"));
        Assert.Equal("1: quiet hours 1", await TextAsync(page, "step-deferred-email-2"));
        Assert.Equal(WinbackNodes, await AttributesAsync(page, "[data-testid=node-row]", "data-node"));
        Assert.Equal("Amounts are in JPY.", await TextAsync(page, "currency"));
        Assert.Equal("¥12,800", await TextAsync(page, "funnel-revenue"));
        Assert.StartsWith("¥", await TextAsync(page, "incremental-revenue"), StringComparison.Ordinal);
        foreach (var interval in new[] { "uplift-interval", "uplift-relative-interval", "revenue-per-customer-interval", "incremental-revenue-interval", "incremental-revenue-net-interval" })
        {
            Assert.Matches(@"\S+ to \S+|not enough customers yet|no conversions in a group yet", await TextAsync(page, interval));
        }

        Assert.Contains("finished their 30-day goal window; ", await TextAsync(page, "progress"), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("no-holdout").CountAsync());
    }

    [Fact]
    public async Task AJourneyWithoutAHoldoutSaysSoInsteadOfShowingAnInterval()
    {
        await using var server = Server();
        await using var browser = await BrowserHost.StartAsync(server);
        await PublishedAsync(server);

        var page = await SignedInPageAsync(browser, "/?journey=coffee-cross-sell");

        Assert.Contains("no holdout", await TextAsync(page, "no-holdout"), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("uplift-interval").CountAsync());
        Assert.DoesNotContain("-100.0", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNextSweepIsShownAndRunningItNowListsTheEnrollmentsByStatus()
    {
        await using var server = Server();
        await using var browser = await BrowserHost.StartAsync(server);
        await PublishedAsync(server);
        var now = DateTimeOffset.UtcNow;
        await server.Services.GetRequiredService<OrderIngestion>().IngestAsync(TestOrders.Paid("lapsed-1", "lapsed@example.com", now.AddDays(-61)), default);
        await server.Services.GetRequiredService<OrderIngestion>().IngestAsync(TestOrders.Paid("recent-1", "recent@example.com", now.AddDays(-3)), default);
        var page = await SignedInPageAsync(browser, "/?journey=winback-60");
        Assert.Matches(@"\w{3} \d{1,2} \w{3} \d{4}, 02:00", await TextAsync(page, "sweep-next"));
        Assert.Equal("7", await TextAsync(page, "sweep-catch-up"));
        Assert.Equal("No enrollments here yet.", await TextAsync(page, "no-enrollments"));

        await page.GetByTestId("sweep-now").ClickAsync();

        Assert.Contains("winback-60: 1 of 1 customers enrolled", await TextAsync(page, "sweep-result"), StringComparison.Ordinal);
        await page.GotoAsync(new Uri(browser.Address, "/?journey=winback-60").ToString());
        Assert.Equal(1, await page.GetByTestId("enrollment-row").CountAsync());
        Assert.Equal("All (1)", await TextAsync(page, "status-filter-All"));

        await page.GetByTestId("status-filter-New").ClickAsync();
        await page.WaitForURLAsync(new Regex("status=New"));

        Assert.Equal(["New"], (await AttributesAsync(page, "[data-testid=enrollment-row]", "data-status")).Distinct());
        using var api = Api(browser);
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/journeys/winback-60/enrollments?status=New");
        Assert.Equal(listed.GetProperty("enrollments").GetArrayLength(), await page.GetByTestId("enrollment-row").CountAsync());
        Assert.Contains(TestKeys.ForEmail("lapsed@example.com").Value, await page.GetByTestId("enrollment-row").First.TextContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync(new Uri(browser.Address, "/?journey=winback-60&status=Completed").ToString());
        Assert.Equal(0, await page.GetByTestId("enrollment-row").CountAsync());
        var plan = await api.GetFromJsonAsync<JsonElement>("/api/sweep");
        Assert.Equal((7, true), (plan.GetProperty("catchUpDays").GetInt32(), plan.GetProperty("scheduled").GetBoolean()));
        var again = await (await api.PostAsync(new Uri("/api/sweep", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again[0].GetProperty("enrolled").GetInt32()); // swept already: nobody twice
    }

    [Fact]
    public async Task NamesAreDecodedInRecentSendsAndTheMailSink()
    {
        await using var server = Server();
        await using var browser = await BrowserHost.StartAsync(server);
        await PublishedAsync(server);
        var profile = CustomerProfile.Empty(TestKeys.ForEmail("hanako@example.jp")) with { FirstName = "花子", LastName = "山田" };
        await server.Services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage
        {
            ToAddress = "hanako@example.jp",
            ToName = profile.FullName,
            FromAddress = TestSettings.FromAddress,
            FromName = "Test Shop",
            Subject = "【15%OFF】山田様だけの特別クーポンをお届けします",
            Html = "<p>x</p>",
            Text = "x",
            IdempotencyKey = "winback-60:hanako:1:email-2:1",
        }, default);

        var page = await SignedInPageAsync(browser, "/");
        var sends = await page.Locator("section:has(h2:text('Recent sends'))").TextContentAsync();
        await page.GotoAsync(new Uri(browser.Address, "/dev/mail").ToString());
        var sink = await page.Locator("table").TextContentAsync();

        Assert.Contains("山田 花子 <hanako@example.jp>", sends, StringComparison.Ordinal);
        Assert.Contains("【15%OFF】山田様だけの特別クーポンをお届けします", sends, StringComparison.Ordinal);
        Assert.DoesNotContain("=?utf-8?", sends, StringComparison.Ordinal);
        Assert.Contains("山田 花子 <hanako@example.jp>", sink, StringComparison.Ordinal);
        Assert.DoesNotContain("=?utf-8?", sink, StringComparison.Ordinal);
    }

    /// <summary>The Server with the sample journeys, no queue listeners (runs stay where the test puts them) and no sweep at start.</summary>
    private static ServerHost Server() => new(new Dictionary<string, string?>
    {
        ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
        ["Listeners:Enabled"] = "false",
        ["Sweep:RunOnStart"] = "false",
        ["Shop:Currency"] = "JPY",
    });

    private static Task<IReadOnlyList<PublishedJourney>> PublishedAsync(ServerHost server) =>
        Eventually.ReturnsAsync(() => server.Services.GetRequiredService<JourneyCatalog>().ListAsync(default), journeys => journeys.Count == 7, because: "the Server publishes the sample journeys when it starts");

    /// <summary>Events of the win-back journey: two entered and one held out, sends blocked and deferred for reasons, a conversion.</summary>
    private static async Task RecordAsync(ServerHost server)
    {
        var log = server.Services.GetRequiredService<IJourneyEventLog>();
        var at = DateTimeOffset.UtcNow;
        async Task Record(string who, JourneyEventKind kind, string? node = null, string? detail = null, decimal? revenue = null)
        {
            var group = who.StartsWith('h') ? EnrollmentGroup.Holdout : EnrollmentGroup.Treatment;
            await log.RecordAsync(new JourneyEventRecord("winback-60", 1, $"winback-60:{who}:1", TestKeys.ForEmail(who + "@example.com"), group, $"{who}:{kind}:{node}:{detail}", kind, node, detail, at) { Revenue = revenue, OrderId = revenue is null ? null : "o-" + who }, default);
        }

        await Record("t1", JourneyEventKind.Entered);
        await Record("t2", JourneyEventKind.Entered);
        await Record("t3", JourneyEventKind.Entered);
        await Record("h1", JourneyEventKind.EnteredHoldout);
        await Record("t1", JourneyEventKind.SendBlocked, "email-1", "winback-1: no marketing consent");
        await Record("t2", JourneyEventKind.SendBlocked, "email-1", "winback-1: suppressed");
        await Record("t3", JourneyEventKind.Sent, "email-1", "winback-1");
        await Record("t3", JourneyEventKind.SendDeferred, "email-2", "winback-2: quiet hours");
        await Record("t3", JourneyEventKind.Converted, revenue: 12800m);
    }

    private static async Task<IPage> SignedInPageAsync(BrowserHost browser, string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(browser.Address, "/login").ToString());
        await page.FillAsync("#apiKey", TestSettings.ApiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Uri(browser.Address, "/").ToString());
        await page.GotoAsync(new Uri(browser.Address, path).ToString());
        return page;
    }

    private static HttpClient Api(BrowserHost browser)
    {
        var api = new HttpClient { BaseAddress = browser.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return api;
    }

    private static async Task<string> TextAsync(IPage page, string testId) =>
        (await page.GetByTestId(testId).TextContentAsync())?.Trim() ?? string.Empty;

    private static async Task<IReadOnlyList<string>> FirstCellsAsync(IPage page, string rows)
    {
        var cells = new List<string>();
        foreach (var row in await page.Locator(rows).AllAsync())
        {
            cells.Add((await row.Locator("td").First.TextContentAsync())?.Trim() ?? string.Empty);
        }

        return cells;
    }

    private static async Task<IReadOnlyList<string>> AttributesAsync(IPage page, string selector, string attribute)
    {
        var values = new List<string>();
        foreach (var element in await page.Locator(selector).AllAsync())
        {
            values.Add(await element.GetAttributeAsync(attribute) ?? string.Empty);
        }

        return values;
    }
}
