using EcCrm.Testing;
using Spectre.Console;

namespace EcCrm.Cli.Tests.Journeys;

/// <summary><c>eccrm journeys validate</c> warns about an e-mail that shows a coupon no earlier node creates, and still passes it.</summary>
public sealed class CouponWarningTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("eccrm-coupons-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void ATemplateThatShowsACouponBeforeAnyNodeCreatesOneIsWarnedAbout()
    {
        // The win-back sample, with the coupon e-mail sent first: before the coupon node.
        var journey = File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json"))
            .Replace("\"template\": \"winback-1\", \"next\": \"wait-1\"", "\"template\": \"winback-2\", \"next\": \"wait-1\"", StringComparison.Ordinal);
        var file = Path.Combine(scratch, "early-coupon.journey.json");
        File.WriteAllText(file, journey);

        var (exitCode, output) = Validate(file);

        Assert.Equal(0, exitCode);
        Assert.Contains("⚠ early-coupon.journey.json: $.nodes[0].template: Template \"winback-2\" uses the coupon, but no node before \"email-1\" creates one", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSamplesHaveNoCouponWarnings()
    {
        var (exitCode, output) = Validate(RepositoryRoot.Combine("journeys"));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("⚠", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Validate(string path)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var exitCode = EcCrmCommands.CreateRoot(console).Parse(["journeys", "validate", path, "--templates", RepositoryRoot.Combine("journeys", "templates")]).Invoke();
        return (exitCode, output.ToString());
    }
}
