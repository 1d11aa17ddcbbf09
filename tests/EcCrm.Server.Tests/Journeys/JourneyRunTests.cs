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
    private static readonly TimeSpan Day = ServerJourneys.Day;

    [Fact]
    public async Task AnInactiveCustomerGetsEmailOneThenOrdersAndLeavesWithTheConversionAndNoMoreMail()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        await ServerJourneys.OrderAsync(api, "mio@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));

        var first = await ServerJourneys.MailsAsync(host.Prefix, "mio@example.jp", count: 1);
        Assert.Contains("winback-1", first[0], StringComparison.Ordinal);
        var key = TestKeys.ForEmail("mio@example.jp");
        var enrollment = await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");
        Assert.Equal("active", enrollment.GetProperty("status").GetString(), ignoreCase: true);

        await ServerJourneys.OrderAsync(api, "mio@example.jp", "back-1", clock.SimulatedNow);
        var exited = await ServerJourneys.EnrollmentAsync(api, key, e => e.GetProperty("status").GetString()!.Equals("exited", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("orderPlaced", exited.GetProperty("exitReason").GetString(), ignoreCase: true);
        Assert.Equal("mio@example.jp-back-1", exited.GetProperty("convertedOrderId").GetString());

        await Task.Delay(Day * 8); // past the 5-day wait where e-mail 2 would have gone out
        Assert.Single(ServerJourneys.Mails(host.Prefix, "mio@example.jp"));
        var report = await api.GetFromJsonAsync<JsonElement>("/api/reports/journeys/winback-60");
        Assert.Equal(1, report.GetProperty("funnel").GetProperty("converted").GetInt32());
        Assert.Equal(1, report.GetProperty("funnel").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task AServerStoppedMidWaitAndStartedAgainResumesTheRun()
    {
        var clock = ServerJourneys.Clock();
        var settings = ServerJourneys.Settings(clock);

        // A message the stopping Server had taken but not finished comes back after this timeout: the bound on
        // resuming (a minute by default), shortened so the wait below covers it with room to spare.
        settings["Durable:MessageVisibilityTimeout"] = "00:00:15";
        var first = new ServerHost(settings) { KeepStorage = true };
        settings["Storage:Prefix"] = first.Prefix;
        using (var api = first.CreateApiClient())
        {
            await ServerJourneys.PublishWinbackAsync(api);
            await ServerJourneys.OrderAsync(api, "ren@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
            await ServerJourneys.MailsAsync(first.Prefix, "ren@example.jp", count: 1);
        }

        await first.DisposeAsync(); // stopped during the 5-day wait
        await using var second = new ServerHost(settings);
        using var restarted = second.CreateApiClient();

        var mails = await ServerJourneys.MailsAsync(second.Prefix, "ren@example.jp", count: 2);
        Assert.Contains("winback-2", mails[1], StringComparison.Ordinal);
        Assert.Single(mails, mail => mail.Contains("winback-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoServersOnOneStorageNeverSendTheSameEmailTwice()
    {
        var clock = ServerJourneys.Clock();
        var settings = ServerJourneys.Settings(clock);
        settings["Durable:WorkerId"] = "server-1"; // two processes: their partition leases must tell them apart
        await using var one = new ServerHost(settings) { KeepStorage = true };
        settings["Storage:Prefix"] = one.Prefix;
        settings["Durable:WorkerId"] = "server-2";
        await using var two = new ServerHost(settings);
        using var api = one.CreateApiClient();
        using var otherApi = two.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var customers = Enumerable.Range(0, 12).Select(i => $"pair{i}@example.jp").ToList();
        foreach (var email in customers)
        {
            await ServerJourneys.OrderAsync(email.Length % 2 == 0 ? api : otherApi, email, "old-1", clock.SimulatedNow.AddDays(-59.5));
        }

        foreach (var email in customers)
        {
            await ServerJourneys.MailsAsync(one.Prefix, email, count: 1);
        }

        await Task.Delay(Day * 2);
        Assert.All(customers, email => Assert.Single(ServerJourneys.Mails(one.Prefix, email), mail => mail.Contains("winback-1", StringComparison.Ordinal)));
    }
}
