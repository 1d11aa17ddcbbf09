using System.Diagnostics;
using EcCrm.Testing;

namespace EcCrm.FaultHarness;

/// <summary>
/// The Server as its own process (the build in src/EcCrm.Server/bin), started with the harness's settings and killed
/// with SIGKILL: no shutdown code runs, as when a machine dies.
/// </summary>
internal sealed class ServerProcess(IReadOnlyDictionary<string, string> settings, Uri url, TextWriter log) : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Queue<string> recent = new();
    private Process? process;
    private int errorLines;
    private bool killing;

    /// <summary>Times the Server exited without being killed: a crash, which fails the run.</summary>
    public int Crashes { get; private set; }

    public static string ServerDll()
    {
        var configuration = typeof(ServerProcess).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = RepositoryRoot.Combine("src", "EcCrm.Server", "bin", configuration, "net10.0", "EcCrm.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the Server first (dotnet build -c {configuration}): {dll} is missing.");
    }

    /// <summary>Starts the Server and waits until it answers; how long that took.</summary>
    public async Task<TimeSpan> StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        // Run from its build folder, so it reads its appsettings.json as when deployed.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
        };
        info.ArgumentList.Add(ServerDll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url.ToString());
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        killing = false;
        process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Exited += (_, _) => OnExited();
        if (!process.Start())
        {
            throw new InvalidOperationException("The Server did not start.");
        }

        process.OutputDataReceived += (_, line) => Forward(line.Data);
        process.ErrorDataReceived += (_, line) => Forward(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!await AnswersAsync(cancellationToken))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Server exited with code {process.ExitCode} while starting.");
            }

            await Task.Delay(100, cancellationToken);
        }

        return started.Elapsed;
    }

    /// <summary>SIGKILL, as a power cut: nothing is handed back, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        killing = true;
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await Http.GetAsync(new Uri(url, "/healthz"), cancellationToken)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A Server that exits by itself has crashed: the harness says so, with the last lines it wrote.</summary>
    private void OnExited()
    {
        if (killing)
        {
            return;
        }

        lock (log)
        {
            Crashes++;
            log.WriteLine($"The Server exited by itself with code {process?.ExitCode}; its last lines:");
            foreach (var line in recent)
            {
                log.WriteLine($"  server: {line}");
            }
        }
    }

    /// <summary>Errors the Server logs (with the lines that follow them: the message and the exception) go to the harness's log.</summary>
    private void Forward(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            recent.Enqueue(line);
            if (recent.Count > 40)
            {
                recent.Dequeue();
            }

            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                errorLines = 6;
            }
            else if (!line.StartsWith(' '))
            {
                errorLines = 0;
            }

            if (errorLines-- > 0)
            {
                log.WriteLine($"  server: {line}");
            }
        }
    }
}
