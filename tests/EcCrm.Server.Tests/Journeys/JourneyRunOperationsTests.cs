using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Engine;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Tests.Journeys;

/// <summary>
/// Journey runs on the Server's engine (DurableTask.Core on the Azure Storage backend, over Azurite), as operators see
/// them through the API: a failing run shows as failed with its reason and restarts once fixed, a run can be
/// terminated, and however many inputs a run gets its history stays short.
/// </summary>
public class JourneyRunOperationsTests
{
    [Fact]
    public async Task ARunWhoseSendKeepsFailingShowsAsFailedWithTheReasonAndRestartsFromWhereItFailedOnceFixed()
    {
        var clock = ServerJourneys.Clock();
        var settings = ServerJourneys.Settings(clock);
        settings["JourneyRuns:ActivityAttempts"] = "2";
        settings["JourneyRuns:FirstRetryInterval"] = "00:00:00.100";
        await using var host = new ServerHost(settings);
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var ledger = host.Storage.Names.SendHistory;
        await host.Storage.Tables.DeleteTableAsync(ledger); // the send ledger is gone: every attempt of the first send fails

        await ServerJourneys.OrderAsync(api, "nao@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
        var enrollmentId = (await ServerJourneys.EnrollmentAsync(api, TestKeys.ForEmail("nao@example.jp"), _ => true)).GetProperty("enrollmentId").GetString()!;
        var failed = await RunAsync(api, enrollmentId, run => run.GetProperty("engineStatus").GetString() == "Failed");

        Assert.Contains("SendJourneyEmail", failed.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Empty(ServerJourneys.Mails(host.Prefix, "nao@example.jp"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/enrollments/{Uri.EscapeDataString("winback-60:" + TestKeys.ForEmail("nobody@example.jp") + ":1")}/restart", null)).StatusCode);

        await host.Storage.Tables.CreateTableIfNotExistsAsync(ledger);
        var restart = await api.PostAsync($"/api/enrollments/{Uri.EscapeDataString(enrollmentId)}/restart", null);

        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        var mails = await ServerJourneys.MailsAsync(host.Prefix, "nao@example.jp", count: 1);
        Assert.Contains("winback-1", Assert.Single(mails), StringComparison.Ordinal);
        await RunAsync(api, enrollmentId, run => run.GetProperty("engineStatus").GetString() == "Running");
    }

    [Fact]
    public async Task ATerminatedRunStopsAndItsEnrollmentShowsCancelled()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        await ServerJourneys.OrderAsync(api, "yui@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
        var waiting = await ServerJourneys.EnrollmentAsync(
            api, TestKeys.ForEmail("yui@example.jp"), e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");
        var enrollmentId = waiting.GetProperty("enrollmentId").GetString()!;

        var terminated = await api.PostAsync($"/api/enrollments/{Uri.EscapeDataString(enrollmentId)}/terminate", null);

        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        var run = await RunAsync(api, enrollmentId, r => r.GetProperty("engineStatus").GetString() == "Terminated");
        Assert.Equal("Cancelled", run.GetProperty("enrollment").GetProperty("exitReason").GetString(), ignoreCase: true);
        await Task.Delay(ServerJourneys.Day * 7); // past the five-day wait: nothing more is sent
        Assert.Single(ServerJourneys.Mails(host.Prefix, "yui@example.jp"));
    }

    [Fact]
    public async Task AFinishedRunIsPurgedFromTheEngineAfterItsRetentionAndItsEnrollmentStays()
    {
        var clock = ServerJourneys.Clock();
        var settings = ServerJourneys.Settings(clock);
        settings["Durable:PurgeEvery"] = "00:00:01";
        settings["JourneyRuns:PurgeAfter"] = "00:00:00";
        await using var host = new ServerHost(settings);
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        await ServerJourneys.OrderAsync(api, "kei@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
        var key = TestKeys.ForEmail("kei@example.jp");
        var enrollmentId = (await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1"))
            .GetProperty("enrollmentId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/enrollments/{Uri.EscapeDataString(enrollmentId)}/run")).StatusCode); // running: kept

        await ServerJourneys.OrderAsync(api, "kei@example.jp", "back-1", clock.SimulatedNow);

        await Eventually.ReturnsAsync(
            async () => (await api.GetAsync($"/api/enrollments/{Uri.EscapeDataString(enrollmentId)}/run")).StatusCode,
            status => status == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(60),
            "the finished run is purged");
        var exited = await ServerJourneys.EnrollmentAsync(api, key, _ => true);
        Assert.Equal("kei@example.jp-back-1", exited.GetProperty("convertedOrderId").GetString());
    }

    [Fact]
    public async Task ARunsHistoryStaysShortHoweverManyInputsItGets()
    {
        const int Inputs = 40;
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        await ServerJourneys.OrderAsync(api, "chatty@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
        var enrollmentId = (await ServerJourneys.EnrollmentAsync(
            api, TestKeys.ForEmail("chatty@example.jp"), e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1"))
            .GetProperty("enrollmentId").GetString()!;
        var inbox = host.Services.GetRequiredService<IEnrollmentInbox>();

        // Forty inputs, each a generation of the run, then an open the decider keeps: once it is kept, all forty went through.
        for (var i = 0; i < Inputs; i++)
        {
            await inbox.DeliverAsync(enrollmentId, new TimerFired($"stale-{i}"), default);
        }

        var sendKey = $"{enrollmentId}:email-1:1";
        await inbox.DeliverAsync(enrollmentId, new EmailEvent(EmailEventKind.Opened, sendKey, "winback-1", clock.SimulatedNow), default);
        await Eventually.ReturnsAsync(
            async () => (await host.Services.GetRequiredService<IEnrollmentStore>().GetAsync(enrollmentId, default))!.Value,
            enrollment => enrollment.State.HasFact(JourneyFactType.Opened, sendKey),
            TimeSpan.FromSeconds(60),
            "the run notes the open");

        var hub = EngineBackend.TaskHubName(
            host.Services.GetRequiredService<IOptions<Infrastructure.Storage.StorageOptions>>().Value, host.Services.GetRequiredService<IOptions<DurableOptions>>().Value);
        var history = host.Storage.Tables.GetTableClient(hub + "History");
        var rows = new List<string>();
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {enrollmentId}"), select: ["RowKey", "EventType"]))
        {
            rows.Add(row.GetString("EventType") ?? row.RowKey);
        }

        // One generation is kept, with fewer rows than the run had inputs. Without ContinueAsNew the same inputs leave
        // over a hundred rows (events, episodes, activities) in one generation; on a quiet machine the last generation
        // holds about a dozen, and under load a few more, for inputs that arrive while it runs.
        var listed = $"{rows.Count} history rows: {string.Join(", ", rows)}";
        Assert.True(rows.Count(type => type == "ExecutionStarted") == 1, listed);
        Assert.True(rows.Count < Inputs, listed);
    }

    private static async Task<JsonElement> RunAsync(HttpClient api, string enrollmentId, Func<JsonElement, bool> done) =>
        await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await api.GetAsync($"/api/enrollments/{Uri.EscapeDataString(enrollmentId)}/run");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            run => run.ValueKind == JsonValueKind.Object && done(run),
            TimeSpan.FromSeconds(60),
            "the run should reach the expected state");
}
