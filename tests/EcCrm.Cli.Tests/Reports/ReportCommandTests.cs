using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Testing;
using Spectre.Console;

namespace EcCrm.Cli.Tests.Reports;

/// <summary><c>eccrm report</c>: whole headers at any width, one CSV table at a time, a file per table.</summary>
public class ReportCommandTests
{
    [Fact]
    public async Task ANarrowTerminalGetsEveryHeaderWhole()
    {
        await using var services = await WinbackWithEventsAsync();

        var (exitCode, output) = await RunAsync(services.Prefix, width: 60, "report", "journey", "winback-60");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("…", output, StringComparison.Ordinal);
        foreach (var header in new[] { "Holdout converted", "Deferred (why)", "Blocked (why)", "Exited here", "Incremental revenue" })
        {
            Assert.Contains(header, output, StringComparison.Ordinal);
        }

        Assert.Contains("--json or --csv gives it whole", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWideTerminalGetsTablesWithReasonsCurrencyAndIntervals()
    {
        await using var services = await WinbackWithEventsAsync();

        var (exitCode, output) = await RunAsync(services.Prefix, width: 260, "report", "journey", "winback-60");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("…", output, StringComparison.Ordinal);
        Assert.Contains("Amounts are in JPY.", output, StringComparison.Ordinal);
        Assert.Contains("1: no marketing consent 1", output, StringComparison.Ordinal);
        Assert.Contains("¥", output, StringComparison.Ordinal);
        Assert.Contains("finished their 30-day goal window; ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvIsOneTableAtATimeOrAFileEach()
    {
        await using var services = await WinbackWithEventsAsync();
        var folder = Directory.CreateTempSubdirectory("eccrm-report-").FullName;
        try
        {
            var (nodesCode, nodes) = await RunAsync(services.Prefix, 200, "report", "journey", "winback-60", "--csv", "--table", "nodes");
            var (unknownCode, unknown) = await RunAsync(services.Prefix, 200, "report", "journey", "winback-60", "--csv", "--table", "everything");
            var (filesCode, _) = await RunAsync(services.Prefix, 200, "report", "journey", "winback-60", "--out", folder);

            Assert.Equal(0, nodesCode);
            var lines = nodes.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("node,type,template,reached", lines[0], StringComparison.Ordinal);
            Assert.Single(lines, line => line.StartsWith("node,", StringComparison.Ordinal));
            Assert.Equal(10, lines.Length); // the header and the win-back journey's nine nodes
            Assert.Equal(2, unknownCode);
            Assert.Contains("summary, nodes, reasons, exits", unknown, StringComparison.Ordinal);
            Assert.Equal(0, filesCode);
            Assert.Equal(
                ["journey-winback-60-exits.csv", "journey-winback-60-nodes.csv", "journey-winback-60-reasons.csv", "journey-winback-60-summary.csv"],
                Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The win-back sample published, one customer entered and one held out, a send blocked and one deferred.</summary>
    private static async Task<TestServices> WinbackWithEventsAsync()
    {
        var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"), ["Shop:Currency"] = "JPY" });
        Assert.IsType<PublishResult.Published>(await services.Get<JourneyCatalog>().PublishAsync(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json")), default));
        var log = services.Get<IJourneyEventLog>();
        var at = services.Clock.GetUtcNow();
        async Task Record(string enrollment, EnrollmentGroup group, JourneyEventKind kind, string? node = null, string? detail = null) =>
            await log.RecordAsync(new JourneyEventRecord("winback-60", 1, $"winback-60:{enrollment}:1", TestKeys.ForEmail(enrollment + "@example.com"), group, $"{enrollment}:{kind}:{node}", kind, node, detail, at), default);
        await Record("t1", EnrollmentGroup.Treatment, JourneyEventKind.Entered);
        await Record("t2", EnrollmentGroup.Treatment, JourneyEventKind.Entered);
        await Record("h1", EnrollmentGroup.Holdout, JourneyEventKind.EnteredHoldout);
        await Record("t1", EnrollmentGroup.Treatment, JourneyEventKind.Sent, "email-1", "winback-1");
        await Record("t2", EnrollmentGroup.Treatment, JourneyEventKind.SendBlocked, "email-1", "winback-1: no marketing consent");
        await Record("t1", EnrollmentGroup.Treatment, JourneyEventKind.SendDeferred, "email-2", "winback-2: quiet hours");
        return services;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string prefix, int width, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = width;
        var settings = TestSettings.For(prefix);
        settings["Journeys:Folder"] = RepositoryRoot.Combine("journeys");
        settings["Shop:Currency"] = "JPY";
        var exitCode = await EcCrmCommands.InvokeAsync(console, args, settings);
        return (exitCode, output.ToString());
    }
}
