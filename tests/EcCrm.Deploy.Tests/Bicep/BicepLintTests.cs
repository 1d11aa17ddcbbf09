namespace EcCrm.Deploy.Tests.Bicep;

[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed class BicepLintTests(CompiledInfrastructure infra)
{
    [Fact]
    public void MainTemplateBuildsWithoutAnyDiagnostic()
    {
        Assert.True(infra.Build.ExitCode == 0, $"bicep build failed: {infra.Build}");
        Assert.True(infra.Build.Diagnostics.Length == 0, $"bicep build reported:{Environment.NewLine}{infra.Build.Diagnostics}");
    }

    [Fact]
    public void LintReportsNothingForMainAndItsModules()
    {
        var output = (infra.Lint.StandardError + infra.Lint.StandardOutput).Trim();

        Assert.True(infra.Lint.ExitCode == 0 && output.Length == 0, $"bicep lint reported:{Environment.NewLine}{infra.Lint}");
    }

    [Fact]
    public void CompilesEveryModuleFromALocalFile()
    {
        var modules = infra.Main.AllTemplates().Skip(1).Select(module => module.Path).ToList();
        var sources = Directory.GetFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories);

        Assert.Equal(["main/identity", "main/monitoring", "main/storage", "main/keyVault", "main/rbac", "main/functionApp"], modules);
        Assert.DoesNotContain(sources, source => File.ReadAllText(source).Contains("br/public:", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, source => File.ReadAllText(source).Contains("br:", StringComparison.Ordinal));
    }

    /// <summary>
    /// Guards the guard: a rule that Bicep leaves off by default but infra/bicepconfig.json turns on
    /// must fire on a template that breaks it, so the lint test above can fail.
    /// </summary>
    [Fact]
    public async Task LintUsesTheProjectConfigAndReportsABrokenTemplate()
    {
        var folder = Directory.CreateTempSubdirectory("eccrm-bicep-");
        try
        {
            File.Copy(Repository.PathOf("infra/bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.bicep"), """
                resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
                  name: 'stbroken'
                  location: 'westeurope'
                  kind: 'StorageV2'
                  sku: {
                    name: 'Standard_LRS'
                  }
                }
                """);

            var lint = await BicepCli.RunAsync(folder.FullName, "lint", "broken.bicep");

            Assert.Contains("no-hardcoded-location", lint.Diagnostics, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
