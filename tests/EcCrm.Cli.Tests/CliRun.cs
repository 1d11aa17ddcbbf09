using EcCrm.Testing;
using Spectre.Console;

namespace EcCrm.Cli.Tests;

/// <summary>Runs <c>eccrm</c> in-process against a test's storage and captures what it prints.</summary>
internal static class CliRun
{
    public static Task<(int ExitCode, string Output)> RunAsync(string prefix, params string[] args) => RunWithAsync(TestSettings.For(prefix), args);

    /// <summary>Runs <c>eccrm</c> as its entry point does, with exactly these settings over the environment.</summary>
    public static async Task<(int ExitCode, string Output)> RunWithAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
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
        var exitCode = await EcCrmCommands.InvokeAsync(console, args, settings);
        return (exitCode, output.ToString());
    }
}
