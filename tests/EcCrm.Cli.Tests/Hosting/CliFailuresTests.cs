using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EcCrm.Cli.Hosting;
using EcCrm.Core.Orders;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Hosting;

/// <summary>What a user can fix (a setting missing, storage not running) is said in a line with what to do, never as a stack trace.</summary>
public class CliFailuresTests
{
    [Fact]
    public async Task AMissingSettingIsSaidInALineWithHowToSetIt()
    {
        await using var services = await TestServices.CreateAsync();
        await services.Get<OrderIngestion>().IngestAsync(new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = "1",
            Status = OrderStatus.Paid,
            PlacedAt = services.Clock.GetUtcNow().AddDays(-3),
            UpdatedAt = services.Clock.GetUtcNow().AddDays(-3),
            Currency = "JPY",
            Total = 1500m,
            Customer = new OrderCustomer { Email = "mei@example.jp", FirstName = "Mei" },
        }, default);
        var settings = TestSettings.For(services.Prefix);
        settings["Shop:Name"] = null;
        settings["Shop:PostalAddress"] = null;

        var (exitCode, output) = await CliRun.RunWithAsync(settings, "templates", "preview", "winback-1", "--customer", "mei@example.jp");

        Assert.Equal(CliFailures.NotConfigured, exitCode);
        Assert.Contains("Setting 'Shop:Name' is missing", output, StringComparison.Ordinal);
        Assert.Contains("scripts/demo.env", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageThatDoesNotAnswerIsSaidInALineWithHowToStartIt()
    {
        var settings = TestSettings.For(TestStorage.NewPrefix());
        var port = ClosedPort();
        settings["Storage:ConnectionString"] = Regex.Replace(Azurite.ConnectionString, @"127\.0\.0\.1:\d+", $"127.0.0.1:{port}");

        var (exitCode, output) = await CliRun.RunWithAsync(settings, "templates", "preview", "winback-1", "--customer", "nobody@example.jp");

        Assert.Equal(CliFailures.NotConfigured, exitCode);
        Assert.Contains("Storage does not answer", output, StringComparison.Ordinal);
        Assert.Contains("scripts/azurite.sh start run", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void TheSettingsFileOfTheLocalStackIsReadAsConfiguration()
    {
        var folder = Directory.CreateTempSubdirectory("eccrm-settings-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, ".eccrm"));
            File.WriteAllLines(Path.Combine(folder, CliSettings.RelativePath), ["Shop__Name=Kissa Coffee & Tea", "# a comment", "Storage__ConnectionString=UseDevelopmentStorage=true"]);

            var settings = CliSettings.Read(folder);

            Assert.Equal("Kissa Coffee & Tea", settings["Shop:Name"]);
            Assert.Equal("UseDevelopmentStorage=true", settings["Storage:ConnectionString"]);
            Assert.Equal(2, settings.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A loopback port nothing listens on: one the system gave out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
