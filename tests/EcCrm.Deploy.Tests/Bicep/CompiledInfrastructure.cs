using EcCrm.Deploy.Tests.Arm;

namespace EcCrm.Deploy.Tests.Bicep;

/// <summary>
/// Builds and lints infra/main.bicep once for every test in the collection (the CLI takes a few
/// seconds per run) and keeps what it printed.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    public const string EntryFile = "infra/main.bicep";

    private ArmTemplate? main;

    public BicepResult Build { get; private set; } = null!;

    public BicepResult Lint { get; private set; } = null!;

    /// <summary>The compiled ARM template; a failed build fails the test with the diagnostics.</summary>
    public ArmTemplate Main => main ?? throw new InvalidOperationException($"bicep build {EntryFile} failed: {Build}");

    /// <summary>The compiled JSON text exactly as Bicep printed it.</summary>
    public string MainJson => Build.StandardOutput;

    public async Task InitializeAsync()
    {
        var build = BicepCli.RunAsync(Repository.Root, "build", EntryFile, "--stdout");
        var lint = BicepCli.RunAsync(Repository.Root, "lint", EntryFile);
        Build = await build;
        Lint = await lint;
        if (Build.ExitCode == 0)
        {
            main = ArmTemplate.Parse(Build.StandardOutput);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
