using System.Diagnostics;
using System.Reflection;

namespace EcCrm.Deploy.Tests.Bicep;

/// <summary>
/// Runs the real Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package. The build writes the
/// package's $(BicepPath) into this assembly's metadata; BICEP_PATH overrides it (another OS, a local build).
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> Executable = new(Locate);

    public static string ExecutablePath => Executable.Value;

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        var path = !string.IsNullOrWhiteSpace(fromEnvironment)
            ? fromEnvironment
            : typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(attribute => attribute.Key == "BicepPath")?.Value;

        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No Bicep CLI at '{path}'. Restore tests/EcCrm.Deploy.Tests (package Azure.Bicep.CommandLine.linux-x64) or set BICEP_PATH.");
        }

        EnsureExecutable(path);
        return path;
    }

    // NuGet does not always keep the executable bit of package content.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
