using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Runs;

/// <summary><c>eccrm runs</c> against a Server's engine on Azurite: find the failed run, see why, restart it once fixed, stop another.</summary>
public class RunCommandsTests
{
    [Fact]
    public async Task FindsAFailedRunShowsWhyRestartsItOnceFixedAndTerminatesAnother()
    {
        var clock = ServerJourneys.Clock();
        var settings = ServerJourneys.Settings(clock);
        settings["JourneyRuns:ActivityAttempts"] = "2";
        settings["JourneyRuns:FirstRetryInterval"] = "00:00:00.100";
        await using var host = new ServerHost(settings);
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var ledger = host.Storage.Names.SendHistory;
        await host.Storage.Tables.DeleteTableAsync(ledger);
        await ServerJourneys.OrderAsync(api, "rin@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
        var enrollmentId = (await ServerJourneys.EnrollmentAsync(api, TestKeys.ForEmail("rin@example.jp"), _ => true)).GetProperty("enrollmentId").GetString()!;

        var (_, failed) = await Eventually.ReturnsAsync(
            () => CliRun.RunAsync(host.Prefix, "runs", "list", "--status", "Failed"),
            run => run.Output.Contains(enrollmentId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the failed run is listed");
        Assert.Contains("SendJourneyEmail", failed, StringComparison.Ordinal);
        var (shown, details) = await CliRun.RunAsync(host.Prefix, "runs", "show", enrollmentId);
        Assert.Equal(0, shown);
        Assert.Contains("Failed", details, StringComparison.Ordinal);
        var (_, json) = await CliRun.RunAsync(host.Prefix, "runs", "list", "--status", "Failed", "--json");
        var listed = Assert.Single(System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(enrollmentId, listed.GetProperty("enrollmentId").GetString());
        Assert.Equal(1, (await CliRun.RunAsync(host.Prefix, "runs", "restart", "winback-60:" + TestKeys.ForEmail("nobody@example.jp") + ":1")).ExitCode);

        await host.Storage.Tables.CreateTableIfNotExistsAsync(ledger);
        var (restarted, said) = await CliRun.RunAsync(host.Prefix, "runs", "restart", enrollmentId);

        Assert.Equal(0, restarted);
        Assert.Contains("Restarted", said, StringComparison.Ordinal);
        await ServerJourneys.MailsAsync(host.Prefix, "rin@example.jp", count: 1);
        await ServerJourneys.EnrollmentAsync(api, TestKeys.ForEmail("rin@example.jp"), e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");
        var (terminated, _) = await CliRun.RunAsync(host.Prefix, "runs", "terminate", enrollmentId, "--reason", "the customer asked");
        Assert.Equal(0, terminated);
        var exited = await ServerJourneys.EnrollmentAsync(api, TestKeys.ForEmail("rin@example.jp"), e => string.Equals(e.GetProperty("status").GetString(), "exited", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("cancelled", exited.GetProperty("exitReason").GetString(), ignoreCase: true);
    }
}
