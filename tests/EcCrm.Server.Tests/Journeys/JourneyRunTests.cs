using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Journeys;

/// <summary>
/// The win-back journey run by the real Server on Azurite, on a clock that runs 43,200 times faster (a simulated day
/// every two seconds): the daily sweep enrolls, e-mail goes to the mail sink, an order ends the run.
/// </summary>
public class JourneyRunTests
{
    private const double Factor = 43_200;
    private static readonly TimeSpan Day = TimeSpan.FromSeconds(86_400 / Factor);

    [Fact]
    public async Task AnInactiveCustomerGetsEmailOneThenOrdersAndLeavesWithTheConversionAndNoMoreMail()
    {
        var clock = Clock();
        await using var host = new ServerHost(Settings(clock));
        using var api = host.CreateApiClient();
        await PublishWinbackAsync(api);
        await OrderAsync(api, "mio@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));

        var first = await MailsAsync(host.Prefix, "mio@example.jp", count: 1);
        Assert.Contains("winback-1", first[0], StringComparison.Ordinal);
        var key = CustomerKey.FromEmail("mio@example.jp");
        var enrollment = await EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");
        Assert.Equal("active", enrollment.GetProperty("status").GetString(), ignoreCase: true);

        await OrderAsync(api, "mio@example.jp", "back-1", clock.SimulatedNow);
        var exited = await EnrollmentAsync(api, key, e => e.GetProperty("status").GetString()!.Equals("exited", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("orderPlaced", exited.GetProperty("exitReason").GetString(), ignoreCase: true);
        Assert.Equal("mio@example.jp-back-1", exited.GetProperty("convertedOrderId").GetString());

        await Task.Delay(Day * 8); // past the 5-day wait where e-mail 2 would have gone out
        Assert.Single(Mails(host.Prefix, "mio@example.jp"));
        var report = await api.GetFromJsonAsync<JsonElement>("/api/reports/journeys/winback-60");
        Assert.Equal(1, report.GetProperty("funnel").GetProperty("converted").GetInt32());
        Assert.Equal(1, report.GetProperty("funnel").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task AServerStoppedMidWaitAndStartedAgainResumesTheRun()
    {
        var clock = Clock();
        var settings = Settings(clock);
        var first = new ServerHost(settings) { KeepStorage = true };
        settings["Storage:Prefix"] = first.Prefix;
        using (var api = first.CreateApiClient())
        {
            await PublishWinbackAsync(api);
            await OrderAsync(api, "ren@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
            await MailsAsync(first.Prefix, "ren@example.jp", count: 1);
        }

        await first.DisposeAsync(); // stopped during the 5-day wait
        await using var second = new ServerHost(settings);
        using var restarted = second.CreateApiClient();

        var mails = await MailsAsync(second.Prefix, "ren@example.jp", count: 2);
        Assert.Contains("winback-2", mails[1], StringComparison.Ordinal);
        Assert.Single(mails, mail => mail.Contains("winback-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoServersOnOneStorageNeverSendTheSameEmailTwice()
    {
        var clock = Clock();
        var settings = Settings(clock);
        settings["Durable:WorkerId"] = "server-1"; // two processes: their partition leases must tell them apart
        await using var one = new ServerHost(settings) { KeepStorage = true };
        settings["Storage:Prefix"] = one.Prefix;
        settings["Durable:WorkerId"] = "server-2";
        await using var two = new ServerHost(settings);
        using var api = one.CreateApiClient();
        using var otherApi = two.CreateApiClient();
        await PublishWinbackAsync(api);
        var customers = Enumerable.Range(0, 12).Select(i => $"pair{i}@example.jp").ToList();
        foreach (var email in customers)
        {
            await OrderAsync(email.Length % 2 == 0 ? api : otherApi, email, "old-1", clock.SimulatedNow.AddDays(-59.5));
        }

        foreach (var email in customers)
        {
            await MailsAsync(one.Prefix, email, count: 1);
        }

        await Task.Delay(Day * 2);
        Assert.All(customers, email => Assert.Single(Mails(one.Prefix, email), mail => mail.Contains("winback-1", StringComparison.Ordinal)));
    }

    private sealed record SharedClock(DateTimeOffset RealOrigin, DateTimeOffset SimulatedOrigin)
    {
        public DateTimeOffset SimulatedNow => SimulatedOrigin + ((DateTimeOffset.UtcNow - RealOrigin) * Factor);
    }

    /// <summary>
    /// Starts at 05:00 UTC (14:00 in Tokyo). Orders are placed 59.5 days back: the customer becomes due a day or two
    /// later, as if the order had arrived on its day (the sweep never rereads days it has checkpointed).
    /// </summary>
    private static SharedClock Clock()
    {
        var now = DateTimeOffset.UtcNow;
        return new SharedClock(now, new DateTimeOffset(now.Year, now.Month, now.Day, 5, 0, 0, TimeSpan.Zero));
    }

    private static Dictionary<string, string?> Settings(SharedClock clock) => new()
    {
        ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
        ["TimeScale:Factor"] = Factor.ToString(CultureInfo.InvariantCulture),
        ["TimeScale:RealOrigin"] = clock.RealOrigin.ToString("O"),
        ["TimeScale:SimulatedOrigin"] = clock.SimulatedOrigin.ToString("O"),
    };

    /// <summary>The sample win-back journey as version 2 without its holdout, so every test customer is e-mailed.</summary>
    private static async Task PublishWinbackAsync(HttpClient api)
    {
        var journey = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        journey["entry"]!["holdout"]!["percent"] = 0;
        journey["version"] = 2;
        await Eventually.ReturnsAsync(
            async () => (await api.PostAsync(new Uri("/api/journeys", UriKind.Relative), new StringContent(journey.ToJsonString()))).StatusCode,
            status => status is HttpStatusCode.Created or HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "version 2 should publish once the journey files are published");
    }

    private static async Task OrderAsync(HttpClient client, string email, string orderId, DateTimeOffset placedAt)
    {
        var body = JsonSerializer.Serialize(new
        {
            orderId = $"{email}-{orderId}",
            status = "paid",
            placedAt,
            currency = "JPY",
            total = 3200,
            customer = new { email, firstName = "Test", acceptsMarketing = true },
            lines = new[] { new { productId = "beans-house", title = "House Blend 200g", quantity = 1, unitPrice = 3200 } },
        });
        var response = await client.SendAsync(SignedWebhooks.Generic(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The customer's win-back enrollment (an order also starts the sample replenishment journey).</summary>
    private static async Task<JsonElement> EnrollmentAsync(HttpClient api, CustomerKey key, Func<JsonElement, bool> done) =>
        await Eventually.ReturnsAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/enrollments")).EnumerateArray()
                .FirstOrDefault(enrollment => enrollment.GetProperty("journeyId").GetString() == "winback-60"),
            enrollment => enrollment.ValueKind == JsonValueKind.Object && done(enrollment),
            TimeSpan.FromSeconds(60),
            "the enrollment should reach the expected state");

    /// <summary>The win-back e-mails the mail sink wrote to this customer, oldest first.</summary>
    private static List<string> Mails(string prefix, string email)
    {
        var folder = TestSettings.MailSink(prefix);
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(File.ReadAllText)
                .Where(mail => mail.Contains("X-EcCrm-journey_id: winback-60", StringComparison.Ordinal) && (mail.Contains($"To: Test <{email}>", StringComparison.Ordinal) || mail.Contains($"To: {email}", StringComparison.Ordinal)))]
            : [];
    }

    private static Task<List<string>> MailsAsync(string prefix, string email, int count) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Mails(prefix, email)), mails => mails.Count >= count, TimeSpan.FromSeconds(60), $"{count} e-mail(s) to {email}");
}
