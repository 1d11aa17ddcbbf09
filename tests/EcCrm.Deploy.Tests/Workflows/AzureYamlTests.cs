namespace EcCrm.Deploy.Tests.Workflows;

public sealed class AzureYamlTests
{
    private static YamlFile AzureYaml => YamlFile.Load("azure.yaml");

    [Fact]
    public void DeploysTheFunctionsProjectAsADotnetFunctionApp()
    {
        var service = YamlFile.Child(YamlFile.Child(AzureYaml.Root, "services"), "functions");

        Assert.Equal("./src/EcCrm.Functions", YamlFile.Scalar(service, "project"));
        Assert.Equal("dotnet", YamlFile.Scalar(service, "language"));
        Assert.Equal("function", YamlFile.Scalar(service, "host"));
    }

    [Fact]
    public void ProvisionsInfraMainBicep()
    {
        var infra = YamlFile.Child(AzureYaml.Root, "infra");

        Assert.Equal("bicep", YamlFile.Scalar(infra, "provider"));
        Assert.True(Repository.Exists($"{YamlFile.Scalar(infra, "path")}/{YamlFile.Scalar(infra, "module")}.bicep"));
        Assert.True(Repository.Exists($"{YamlFile.Scalar(infra, "path")}/{YamlFile.Scalar(infra, "module")}.parameters.json"));
    }

    [Fact]
    public void ReferencesOnlyFilesThatExist()
    {
        var paths = AzureYaml.ScalarValues().SelectMany(ReferencedPaths.In).Distinct().ToList();

        Assert.Contains("src/EcCrm.Functions", paths);
        Assert.All(paths, path => Assert.True(
            Repository.Exists(path) || ReferencedPaths.IsPending(path),
            $"azure.yaml references {path}, which does not exist."));
    }
}
