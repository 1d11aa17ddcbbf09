namespace EcCrm.Benchmarks;

/// <summary>One benchmark, run by name from the command line. It prints its figures and their ratio to a baseline measured in the same run.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args);
}
