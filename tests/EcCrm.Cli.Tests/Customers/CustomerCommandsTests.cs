using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Customers;

/// <summary><c>eccrm customers export|erase</c> against a Server's storage and engine on Azurite.</summary>
public class CustomerCommandsTests
{
    [Fact]
    public async Task ExportsACustomerByAddressThenErasesThemWithConfirmation()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        const string email = "sora.cli@example.jp";
        var key = TestKeys.ForEmail(email);
        await ServerJourneys.OrderAsync(api, email, "old-1", clock.SimulatedNow.AddDays(-59.5));
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");

        var (exported, json) = await CliRun.RunAsync(host.Prefix, "customers", "export", email);

        Assert.Equal(0, exported);
        var document = JsonDocument.Parse(json).RootElement;
        Assert.Equal(email, document.GetProperty("profile").GetProperty("email").GetString());
        Assert.Single(document.GetProperty("orders").EnumerateArray());
        Assert.NotEmpty(document.GetProperty("enrollments").EnumerateArray());
        Assert.Equal(2, (await CliRun.RunAsync(host.Prefix, "customers", "erase", key.Value)).ExitCode); // no --yes
        Assert.Equal(2, (await CliRun.RunAsync(host.Prefix, "customers", "erase", "not-a-key", "--yes")).ExitCode);

        var (erased, said) = await CliRun.RunAsync(host.Prefix, "customers", "erase", key.Value, "--yes", "--json");

        Assert.Equal(0, erased);
        var report = JsonDocument.Parse(said).RootElement;
        Assert.Equal(1, report.GetProperty("profiles").GetInt32());
        Assert.Equal(1, report.GetProperty("orders").GetInt32());
        Assert.Equal(0, report.GetProperty("runsNotPurged").GetInt32());
        Assert.Equal(1, (await CliRun.RunAsync(host.Prefix, "customers", "export", key.Value)).ExitCode);
    }
}
