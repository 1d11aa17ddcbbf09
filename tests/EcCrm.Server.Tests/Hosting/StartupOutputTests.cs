using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Hosting;

/// <summary>
/// What the Server prints, as a process, when it cannot start or storage does not answer: a line that says what and
/// what to do, never a stack trace.
/// </summary>
public class StartupOutputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task MissingSettingsStopTheServerWithALineEachAndNoStackTrace()
    {
        using var server = Start(new Dictionary<string, string?> { ["Storage:ConnectionString"] = Azurite.ConnectionString });

        var exited = await server.WaitForExitAsync(Patience);

        Assert.Equal(1, exited);
        var output = server.Output;
        Assert.Contains("EcCrm cannot start: Setting 'Shop:Name' is missing", output, StringComparison.Ordinal);
        Assert.Contains("EcCrm cannot start: Setting 'Api:Key' (environment variable Api__Key) is missing", output, StringComparison.Ordinal);
        Assert.Contains("scripts/demo.env", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageThatDoesNotAnswerAtStartIsSaidInALine()
    {
        var settings = TestSettings.For(TestStorage.NewPrefix());
        settings["Storage:ConnectionString"] = Regex.Replace(Azurite.ConnectionString, @"127\.0\.0\.1:\d+", $"127.0.0.1:{ClosedPort()}");
        settings["Journeys:Folder"] = RepositoryRoot.Combine("journeys");
        using var server = Start(settings);

        var said = await server.WaitForLineAsync(line => line.Contains("Storage does not answer (Connection refused", StringComparison.Ordinal), Patience);

        Assert.True(said, server.Output);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", server.Output, StringComparison.Ordinal);
    }

    private static ServerProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EcCrm.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{ClosedPort()}");

        // Only the settings given: none the test process happens to have.
        foreach (var name in info.Environment.Keys.Where(name => name.Contains("__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException("The Server did not start."));
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

    /// <summary>The Server as a process, its output (standard output and error) gathered line by line.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> waiting = [];

        public ServerProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, line) => Add(line.Data);
            process.ErrorDataReceived += (_, line) => Add(line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        public async Task<int?> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
                return process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        public async Task<bool> WaitForLineAsync(Func<string, bool> matches, TimeSpan timeout)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (output)
            {
                if (output.ToString().Split('\n').Any(matches))
                {
                    return true;
                }

                waiting.Add((matches, seen));
            }

            return await Task.WhenAny(seen.Task, Task.Delay(timeout)) == seen.Task;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                foreach (var (matches, seen) in waiting.Where(wait => wait.Matches(line)))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
