using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcCrm.Deploy.Tests.Bicep;
using EcCrm.Deploy.Tests.Workflows;
using YamlDotNet.RepresentationModel;

namespace EcCrm.Deploy.Tests.Infra;

/// <summary>
/// infra/main.parameters.json is what azd feeds main.bicep: every value is an azd environment
/// variable, "${NAME}" or "${NAME=default}". These tests tie it to main.bicep, azure.yaml and deploy.yml.
/// </summary>
[Collection(CompiledInfrastructureFixtureDefinition.Name)]
public sealed partial class ParametersFileTests(CompiledInfrastructure infra)
{
    private static readonly JsonObject Values =
        JsonNode.Parse(Repository.Read("infra/main.parameters.json"))!["parameters"]!.AsObject();

    private JsonObject Declared => infra.Main.Parameters;

    private IEnumerable<(string Parameter, Match Substitution)> Substitutions =>
        Values.Select(pair => (pair.Key, EnvironmentSubstitution().Match(pair.Value?["value"]?.ToString() ?? "")));

    [Fact]
    public void SuppliesOnlyParametersMainDeclares()
    {
        Assert.All(Values.Select(pair => pair.Key), name => Assert.NotNull(Declared[name]));
    }

    [Fact]
    public void SuppliesEveryParameterWithoutADefault()
    {
        var required = Declared.Where(pair => pair.Value?["defaultValue"] is null).Select(pair => pair.Key);

        Assert.All(required, name => Assert.NotNull(Values[name]));
    }

    [Fact]
    public void TakesEveryValueFromTheAzdEnvironment()
    {
        Assert.All(Substitutions, item => Assert.True(item.Substitution.Success, $"{item.Parameter} is not an azd environment substitution."));
        Assert.Equal("${AZURE_ENV_NAME}", Values["environmentName"]?["value"]?.ToString());
        Assert.Equal("${AZURE_LOCATION}", Values["location"]?["value"]?.ToString());
    }

    [Fact]
    public void GivesSecretsNoDefault()
    {
        var secure = Declared.Where(pair => (string?)pair.Value?["type"] == "securestring").Select(pair => pair.Key).ToList();

        Assert.Equal(AppSettingNames.Secrets.Count, secure.Count);
        Assert.All(secure, name =>
        {
            Assert.Null(Declared[name]?["defaultValue"]);
            var substitution = Substitutions.Single(item => item.Parameter == name).Substitution;
            Assert.False(substitution.Groups["default"].Success, $"{name} must not have a default in main.parameters.json.");
        });
    }

    [Fact]
    public void RepeatsTheBicepDefaultsExactly()
    {
        var withDefaults = Substitutions.Where(item => item.Substitution.Groups["default"].Success).ToList();

        Assert.NotEmpty(withDefaults);
        Assert.All(withDefaults, item => Assert.Equal(
            Declared[item.Parameter]?["defaultValue"]?.ToString(),
            item.Substitution.Groups["default"].Value));
    }

    [Fact]
    public void DeployWorkflowProvidesEveryVariableAndSecretTheParametersRead()
    {
        var env = (YamlMappingNode)YamlFile.Child(Workflow.Load(".github/workflows/deploy.yml").Jobs["deploy"], "env")!;
        var provided = env.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);

        Assert.All(Substitutions, item =>
        {
            var variable = item.Substitution.Groups["name"].Value;
            var source = (string?)Declared[item.Parameter]?["type"] == "securestring" ? "secrets" : "vars";
            Assert.True(provided.TryGetValue(variable, out var value), $"deploy.yml does not set {variable}.");
            Assert.Equal($"${{{{ {source}.{variable} }}}}", value);
        });
    }

    [Fact]
    public void AzureYamlHandsEveryVariableAndSecretToThePipeline()
    {
        var pipeline = YamlFile.Child(YamlFile.Load("azure.yaml").Root, "pipeline");
        string[] ListOf(string key) => ((YamlSequenceNode)YamlFile.Child(pipeline, key)!).Children.Cast<YamlScalarNode>().Select(node => node.Value!).ToArray();
        var variables = ListOf("variables");
        var secrets = ListOf("secrets");

        Assert.All(Substitutions.Where(item => item.Parameter is not "environmentName" and not "location"), item =>
        {
            var variable = item.Substitution.Groups["name"].Value;
            var isSecret = (string?)Declared[item.Parameter]?["type"] == "securestring";
            Assert.Contains(variable, isSecret ? secrets : variables);
            Assert.DoesNotContain(variable, isSecret ? variables : secrets);
        });
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z][A-Z0-9_]*)(?:=(?<default>[^}]*))?\}$")]
    private static partial Regex EnvironmentSubstitution();
}
