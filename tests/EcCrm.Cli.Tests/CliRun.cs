using EcCrm.Testing;
using Spectre.Console;

namespace EcCrm.Cli.Tests;

/// <summary>Runs <c>eccrm</c> in-process against a test's storage and captures what it prints.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string prefix, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var exitCode = await EcCrmCommands.CreateRoot(console, TestSettings.For(prefix)).Parse(args).InvokeAsync();
        return (exitCode, output.ToString());
    }
}
