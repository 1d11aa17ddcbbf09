using System.Text.Json;
using EcCrm.Testing;
using Spectre.Console;

namespace EcCrm.Cli.Tests.Journeys;

public sealed class JourneyCommandsTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("eccrm-journeys-").FullName;

    private static string Samples => RepositoryRoot.Combine("journeys");

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    /// <summary>The shop of the README's simulation: in Berlin, selling in euros; the sweep as the Server's default.</summary>
    private static readonly Dictionary<string, string?> BerlinShop = new() { ["Shop:TimeZone"] = "Europe/Berlin", ["Shop:Currency"] = "EUR" };

    private static (int ExitCode, string Output) Run(params string[] args) => Run(new AnsiConsoleOutput(new StringWriter()), 200, args);

    private static (int ExitCode, string Output) Run(Dictionary<string, string?> settings, params string[] args) => Run(new AnsiConsoleOutput(new StringWriter()), 200, args, settings);

    /// <summary>Runs <c>eccrm</c> writing to <paramref name="output"/> (a file or pipe, or a terminal) at a given width.</summary>
    private static (int ExitCode, string Output) Run(IAnsiConsoleOutput output, int width, params string[] args) => Run(output, width, args, null);

    private static (int ExitCode, string Output) Run(IAnsiConsoleOutput output, int width, string[] args, Dictionary<string, string?>? settings)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        var exitCode = EcCrmCommands.CreateRoot(console, settings).Parse(args).Invoke();
        return (exitCode, output.Writer.ToString()!);
    }

    /// <summary>
    /// The README's broken copy of the win-back sample, next to a copy of the templates: it waits for an open of an e-mail
    /// sent only later, sends a template that does not exist, and has quiet hours that begin and end at 21:00.
    /// </summary>
    private string BrokenWinback()
    {
        CopySampleTemplates();
        var broken = File.ReadAllText(Path.Combine(Samples, "winback.journey.json"))
            .Replace("\"event\": \"emailOpened\", \"template\": \"winback-2\"", "\"event\": \"emailOpened\", \"template\": \"winback-3\"", StringComparison.Ordinal)
            .Replace("\"template\": \"winback-3\", \"next\": \"done\"", "\"template\": \"winback-4\", \"next\": \"done\"", StringComparison.Ordinal)
            .Replace("\"to\": \"08:00\"", "\"to\": \"21:00\"", StringComparison.Ordinal);
        var path = Path.Combine(scratch, "broken.journey.json");
        File.WriteAllText(path, broken);
        return path;
    }

    /// <summary>A copy of the sample templates, layouts and partials in the scratch folder's <c>templates</c>.</summary>
    private string CopySampleTemplates()
    {
        var templates = Path.Combine(scratch, "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(Samples, "templates"), "*.liquid"))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(Path.Combine(Samples, "templates")))
        {
            var copy = Directory.CreateDirectory(Path.Combine(templates, Path.GetFileName(folder))).FullName;
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }

        return templates;
    }

    private static readonly string[] BrokenWinbackPaths = ["$.nodes[4].branches[0].template", "$.nodes[7].template", "$.sendPolicy.quietHours"];

    [Fact]
    public void ValidatesEverySampleJourneyInTheFolder()
    {
        var (exitCode, output) = Run("journeys", "validate", Samples);

        Assert.Equal(0, exitCode);
        Assert.Contains("✔ winback.journey.json  winback-60 v1 · Win-back after 60 days · 9 nodes", output, StringComparison.Ordinal);
        Assert.Contains("7 journey files valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailsWithEveryErrorAndItsPathWhenAJourneyIsWrong()
    {
        Directory.CreateDirectory(Path.Combine(scratch, "templates"));
        File.WriteAllText(Path.Combine(scratch, "templates", "winback-1.liquid"), "---\nsubject: Hi\n---\n");
        var broken = File.ReadAllText(Path.Combine(Samples, "winback.journey.json"))
            .Replace("\"for\": \"5d\"", "\"for\": \"5 days\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(scratch, "broken.journey.json"), broken);

        var (exitCode, output) = Run("journeys", "validate", Path.Combine(scratch, "broken.journey.json"));

        Assert.Equal(1, exitCode);
        Assert.Contains("✘ broken.journey.json", output, StringComparison.Ordinal);
        Assert.Contains("$.nodes[1].for", output, StringComparison.Ordinal);
        Assert.Contains("\"for\" must be a duration such as \"3d\"", output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 journey file with errors.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintsEachErrorOnOneLineWithItsPathWhenOutputIsNotATerminal()
    {
        var file = BrokenWinback();

        // 80 columns: what a console assumes for output redirected to a CI log.
        var (exitCode, output) = Run(new AnsiConsoleOutput(new StringWriter()), 80, "journeys", "validate", file);
        var (_, json) = Run("journeys", "validate", file, "--json");

        Assert.Equal(1, exitCode);
        using var report = JsonDocument.Parse(json);
        var errors = report.RootElement[0].GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(BrokenWinbackPaths, errors.Select(error => error.GetProperty("path").GetString()));
        var lines = output.Split('\n');
        foreach (var error in errors)
        {
            // grep for a path finds the whole error: path, sentence and fix on one line.
            var line = Assert.Single(lines, line => line.Contains(error.GetProperty("path").GetString()!, StringComparison.Ordinal));
            Assert.Contains(error.GetProperty("message").GetString()!, line, StringComparison.Ordinal);
            Assert.Contains(error.GetProperty("fix").GetString()!, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeepsEachPathWholeInTheTableOnANarrowTerminal()
    {
        var (exitCode, output) = Run(new TerminalOutput(), 80, "journeys", "validate", BrokenWinback());

        Assert.Equal(1, exitCode);
        Assert.Contains("│ Where", output, StringComparison.Ordinal);
        foreach (var path in BrokenWinbackPaths)
        {
            Assert.Contains(path, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ChecksTemplateIdsAgainstTheTemplatesFolder()
    {
        Directory.CreateDirectory(Path.Combine(scratch, "templates"));
        File.Copy(Path.Combine(Samples, "winback.journey.json"), Path.Combine(scratch, "winback.journey.json"));

        var (exitCode, output) = Run("journeys", "validate", scratch, "--json");

        Assert.Equal(1, exitCode);
        using var report = JsonDocument.Parse(output);
        var errors = report.RootElement[0].GetProperty("errors");
        Assert.Equal(4, errors.GetArrayLength()); // three sends and the waitFor on winback-2
        Assert.Equal("$.nodes[0].template", errors[0].GetProperty("path").GetString());
        Assert.Equal("Node \"email-1\" sends the e-mail template \"winback-1\", which does not exist.", errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public void RefusesAJourneyWhoseLayoutLeavesOutTheShopsPostalAddress()
    {
        var layout = Path.Combine(CopySampleTemplates(), "layouts", "default.ja.liquid");
        File.WriteAllText(layout, File.ReadAllText(layout).Replace("{{ shop.postal_address }}", string.Empty, StringComparison.Ordinal));
        File.Copy(Path.Combine(Samples, "winback.journey.json"), Path.Combine(scratch, "winback.journey.json"));

        var (exitCode, output) = Run("journeys", "validate", Path.Combine(scratch, "winback.journey.json"), "--json");

        Assert.Equal(1, exitCode);
        using var report = JsonDocument.Parse(output);
        var errors = report.RootElement[0].GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["$.nodes[0].template", "$.nodes[3].template", "$.nodes[7].template"], errors.Select(error => error.GetProperty("path").GetString()));
        Assert.All(errors, error =>
        {
            Assert.Contains("the postal address ({{ shop.postal_address }})", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("templates/layouts/default.ja.liquid", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ReportsAMissingPathWithItsOwnExitCode()
    {
        var (exitCode, output) = Run("journeys", "validate", Path.Combine(scratch, "nowhere"));

        Assert.Equal(2, exitCode);
        Assert.Contains("No journey file or folder at", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatesAJourneyForACustomerAsATableWithTheShopsSettings()
    {
        var (exitCode, output) = Run(BerlinShop, "journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), "--customer", Path.Combine(Samples, "customers", "winback.customer.json"));

        Assert.Equal(0, exitCode);
        Assert.Contains("for a customer in America/New_York", output, StringComparison.Ordinal);
        Assert.Contains("Shop in Europe/Berlin, sweep at \"0 2 * * *\" shop time", output, StringComparison.Ordinal);
        Assert.Contains("Customer local", output, StringComparison.Ordinal);
        Assert.Contains("│ 2026-03-07 01:00 │ Fri 2026-03-06 20:00 -05:00 │ 1 │ sent ", output, StringComparison.Ordinal);
        Assert.Contains("order 1187, 72.00 EUR", output, StringComparison.Ordinal);
        Assert.Contains("converted with order 1187 (72.00 EUR); completed: converted.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTheShopsTimeZoneAndSweepScheduleAsTheServerDoes()
    {
        var customer = Path.Combine(Samples, "customers", "winback.customer.json");
        var journey = Path.Combine(Samples, "winback.journey.json");

        var (_, tokyo) = Run(new Dictionary<string, string?>(BerlinShop) { ["Shop:TimeZone"] = "Asia/Tokyo" }, "journeys", "simulate", journey, "--customer", customer, "--json");
        var (_, sixOClock) = Run(new Dictionary<string, string?>(BerlinShop) { ["Sweep:Schedule"] = "0 6 * * *" }, "journeys", "simulate", journey, "--customer", customer, "--json");

        Assert.Equal("2026-03-07T17:00:00+00:00", EntryTime(tokyo));
        Assert.Equal("2026-03-07T05:00:00+00:00", EntryTime(sixOClock));
    }

    [Fact]
    public void RefusesASettingTheServerWouldRefuse()
    {
        var (exitCode, output) = Run(
            new Dictionary<string, string?>(BerlinShop) { ["Shop:TimeZone"] = "Mars/Olympus" },
            "journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), "--customer", Path.Combine(Samples, "customers", "winback.customer.json"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Setting 'Shop:TimeZone' must be an IANA time zone", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatesSeveralJourneysSideBySide()
    {
        var (exitCode, output) = Run(
            BerlinShop, "journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), Path.Combine(Samples, "replenishment.journey.json"),
            "--customer", Path.Combine(Samples, "customers", "winback.customer.json"));

        Assert.Equal(0, exitCode);
        Assert.Contains("│ Journey ", output, StringComparison.Ordinal);
        Assert.Contains("(replenishment v1, priority 1)", output, StringComparison.Ordinal);
        Assert.Contains("│ winback-60 ", output, StringComparison.Ordinal);
        Assert.Contains("│ replenishment ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatesAsJsonForMachines()
    {
        var (exitCode, output) = Run(BerlinShop, "journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), "--customer", Path.Combine(Samples, "customers", "winback.customer.json"), "--json");

        Assert.Equal(0, exitCode);
        using var result = JsonDocument.Parse(output);
        Assert.Equal("winback-60", result.RootElement.GetProperty("journeys")[0].GetProperty("journeyId").GetString());
        Assert.Equal("completed: converted", result.RootElement.GetProperty("enrollments")[0].GetProperty("outcome").GetString());
        Assert.Contains(result.RootElement.GetProperty("events").EnumerateArray(), e => e.GetProperty("what").GetString() == "sent");
    }

    private static string? EntryTime(string json)
    {
        using var result = JsonDocument.Parse(json);
        return result.RootElement.GetProperty("events").EnumerateArray().First(e => e.GetProperty("what").GetString() == "entry").GetProperty("at").GetString();
    }

    [Fact]
    public void RefusesToSimulateAnInvalidTimeline()
    {
        var timeline = Path.Combine(scratch, "customer.json");
        File.WriteAllText(timeline, """{ "customer": { "email": "a@example.com" } }""");

        var (exitCode, output) = Run("journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), "--customer", timeline);

        Assert.Equal(1, exitCode);
        Assert.Contains("$.simulate", output, StringComparison.Ordinal);
    }

    /// <summary>Output that says it is a terminal, as a console window does.</summary>
    private sealed class TerminalOutput : IAnsiConsoleOutput
    {
        public TextWriter Writer { get; } = new StringWriter();

        public bool IsTerminal => true;

        public int Width => 80;

        public int Height => 24;

        public void SetEncoding(System.Text.Encoding encoding)
        {
        }
    }
}
