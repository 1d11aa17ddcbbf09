using System.Diagnostics;

namespace EcCrm.Benchmarks;

/// <summary>Small helpers every benchmark prints with, so figures read the same everywhere.</summary>
internal static class Measure
{
    /// <summary>Runs <paramref name="work"/> for items 0..count-1 with the given concurrency; returns elapsed time and per-item latencies.</summary>
    public static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> RunAsync(int count, int concurrency, Func<int, Task> work)
    {
        var latencies = new double[count];
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            await work(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        return (stopwatch.Elapsed, latencies);
    }

    public static double Percentile(double[] values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string Rate(double perSecond) => perSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "/s";

    public static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
