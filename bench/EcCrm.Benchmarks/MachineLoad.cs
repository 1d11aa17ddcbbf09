using System.Globalization;

namespace EcCrm.Benchmarks;

/// <summary>
/// What the shared machine was doing during a measurement (Linux /proc): the load average, and how the CPU time was
/// shared between this process, the Azurite instance the benchmark uses and everything else.
/// </summary>
internal sealed class MachineLoad
{
    /// <summary>USER_HZ, the unit of /proc's CPU times: 100 per second on Linux.</summary>
    private const double TickMilliseconds = 10;

    private readonly int? azurite;

    /// <param name="connectionString">The storage whose Azurite process (found by its table port) is watched.</param>
    public MachineLoad(string connectionString)
    {
        var tablePort = connectionString.Split(';')
            .Where(part => part.StartsWith("TableEndpoint=", StringComparison.Ordinal))
            .Select(part => new Uri(part["TableEndpoint=".Length..]).Port.ToString(CultureInfo.InvariantCulture))
            .FirstOrDefault();
        azurite = tablePort is null ? null : FindAzurite(tablePort);
    }

    /// <summary>CPU time used so far, in clock ticks: the whole machine (busy and all), this process, and Azurite.</summary>
    public sealed record Sample(long MachineBusy, long MachineAll, long Self, long Azurite);

    /// <summary>The shares of one interval: machine busy (% of all cores), this process and Azurite (% of one core).</summary>
    public sealed record Shares(double MachineBusyPercent, double SelfPercentOfCore, double AzuritePercentOfCore)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"machine {MachineBusyPercent:0}% busy, benchmark process {SelfPercentOfCore:0}% of a core, Azurite {AzuritePercentOfCore:0}% of a core");
    }

    /// <summary>Milliseconds of CPU this process and Azurite used between two samples (Linux counts in ticks of 10 ms).</summary>
    public static (double Self, double Azurite) CpuMilliseconds(Sample from, Sample to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return ((to.Self - from.Self) * TickMilliseconds, (to.Azurite - from.Azurite) * TickMilliseconds);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public Sample Take()
    {
        if (!File.Exists("/proc/stat"))
        {
            return new Sample(0, 0, 0, 0);
        }

        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = cpu[3] + cpu[4];
        var all = cpu.Take(8).Sum();
        return new Sample(all - idle, all, ProcessTicks(Environment.ProcessId), azurite is { } pid ? ProcessTicks(pid) : 0);
    }

    public static Shares Between(Sample from, Sample to)
    {
        var all = Math.Max(1, to.MachineAll - from.MachineAll);
        var coreTicks = (double)all / Environment.ProcessorCount;
        return new Shares(
            100.0 * (to.MachineBusy - from.MachineBusy) / all,
            100.0 * (to.Self - from.Self) / coreTicks,
            100.0 * (to.Azurite - from.Azurite) / coreTicks);
    }

    private static long ProcessTicks(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int? FindAzurite(string tablePort)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var port = Array.IndexOf(arguments, "--tablePort");
                if (arguments.Any(argument => argument.Contains("azurite", StringComparison.Ordinal)) && port >= 0 && port + 1 < arguments.Length && arguments[port + 1] == tablePort)
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return null;
    }
}
