using System.Text.Json;
using EcCrm.Testing;
using Spectre.Console;

namespace EcCrm.Cli.Tests.Journeys;

public sealed class JourneyCommandsTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("eccrm-journeys-").FullName;

    private static string Samples => RepositoryRoot.Combine("journeys");

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        var exitCode = EcCrmCommands.CreateRoot(console).Parse(args).Invoke();
        return (exitCode, output.ToString());
    }

    [Fact]
    public void ValidatesEverySampleJourneyInTheFolder()
    {
        var (exitCode, output) = Run("journeys", "validate", Samples);

        Assert.Equal(0, exitCode);
        Assert.Contains("✔ winback.journey.json  winback-60 v1 · Win-back after 60 days · 9 nodes", output, StringComparison.Ordinal);
        Assert.Contains("4 journey files valid.", output, StringComparison.Ordinal);
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
    public void ReportsAMissingPathWithItsOwnExitCode()
    {
        var (exitCode, output) = Run("journeys", "validate", Path.Combine(scratch, "nowhere"));

        Assert.Equal(2, exitCode);
        Assert.Contains("No journey file or folder at", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatesAJourneyForACustomerAsATable()
    {
        var (exitCode, output) = Run("journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), "--customer", Path.Combine(Samples, "customers", "winback.customer.json"));

        Assert.Equal(0, exitCode);
        Assert.Contains("for a customer in America/New_York", output, StringComparison.Ordinal);
        Assert.Contains("Customer local", output, StringComparison.Ordinal);
        Assert.Contains("Sat 2026-03-07 08:00 -05:00", output, StringComparison.Ordinal);
        Assert.Contains("winback-1: quiet hours", output, StringComparison.Ordinal);
        Assert.Contains("converted with order 1187 (72.00); completed: converted.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatesAsJsonForMachines()
    {
        var (exitCode, output) = Run("journeys", "simulate", Path.Combine(Samples, "winback.journey.json"), "--customer", Path.Combine(Samples, "customers", "winback.customer.json"), "--json");

        Assert.Equal(0, exitCode);
        using var result = JsonDocument.Parse(output);
        Assert.Equal("winback-60", result.RootElement.GetProperty("journeyId").GetString());
        Assert.Equal("completed: converted", result.RootElement.GetProperty("enrollments")[0].GetProperty("outcome").GetString());
        Assert.Contains(result.RootElement.GetProperty("events").EnumerateArray(), e => e.GetProperty("what").GetString() == "sent");
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
}
