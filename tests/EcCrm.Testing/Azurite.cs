using System.Diagnostics;
using System.Net.Sockets;

namespace EcCrm.Testing;

/// <summary>
/// The Azurite instance the tests use: the project's "test" profile (in memory, ports 10010-10012, moved by
/// ECCRM_PORT_OFFSET), started
/// by scripts/azurite.sh when it is not already running. Set ECCRM_TEST_STORAGE to use other storage.
/// </summary>
public static class Azurite
{
    private static readonly Lazy<string> Connection = new(Ensure, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Connection.Value;

    private static string Ensure()
    {
        if (Environment.GetEnvironmentVariable("ECCRM_TEST_STORAGE") is { Length: > 0 } configured)
        {
            return configured;
        }

        // The test profile's queue port, moved like the whole local stack by ECCRM_PORT_OFFSET (scripts/azurite.sh).
        var offset = int.TryParse(Environment.GetEnvironmentVariable("ECCRM_PORT_OFFSET"), out var moved) ? moved : 0;
        if (!Answers(10011 + offset))
        {
            Run("start", "test");
        }

        return Run("connection-string", "test").Trim();
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private static string Run(params string[] arguments)
    {
        var script = RepositoryRoot.Combine("scripts", "azurite.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start scripts/azurite.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/azurite.sh {string.Join(' ', arguments)} failed: {error.Result}");
        }

        return output.Result;
    }
}
