using System.Reflection;
using EcCrm.Benchmarks;

// dotnet run -c Release --project bench/EcCrm.Benchmarks -- <benchmark> [options]; without a name, lists them.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(type => typeof(IBenchmark).IsAssignableFrom(type) && type is { IsClass: true, IsAbstract: false })
    .Select(type => (IBenchmark)Activator.CreateInstance(type)!)
    .OrderBy(benchmark => benchmark.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(benchmark => benchmark.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("Usage: dotnet run -c Release --project bench/EcCrm.Benchmarks -- <benchmark> [options]");
    foreach (var benchmark in benchmarks)
    {
        Console.WriteLine($"  {benchmark.Name,-20} {benchmark.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

return await chosen.RunAsync(args[1..]);
