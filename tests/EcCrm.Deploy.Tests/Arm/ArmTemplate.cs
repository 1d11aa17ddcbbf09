using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcCrm.Deploy.Tests.Arm;

/// <summary>
/// A compiled ARM template and its Bicep modules, which compile to nested Microsoft.Resources/deployments
/// with an inline template. Handles both template forms Bicep emits: resources as an array
/// (languageVersion 1) and as an object keyed by symbolic name (languageVersion 2.0).
/// </summary>
public sealed partial class ArmTemplate
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    private ArmTemplate(JsonObject json, string path, JsonObject? invocation)
    {
        Json = json;
        Path = path;
        Invocation = invocation;
        var all = ResourcesOf(json).Select(resource => new ArmResource(this, resource)).ToList();
        Resources = all.Where(resource => resource.Type != DeploymentType).ToList();
        Modules = all
            .Where(resource => resource.Type == DeploymentType && resource.Properties["template"] is JsonObject)
            .ToDictionary(
                resource => resource.Name,
                resource => new ArmTemplate(resource.Properties["template"]!.AsObject(), $"{path}/{resource.Name}", resource.Json));
    }

    public JsonObject Json { get; }

    /// <summary>"main" for the entry template, "main/storage" for the module deployed as "storage".</summary>
    public string Path { get; }

    /// <summary>The deployments resource that invoked this module; null for the entry template.</summary>
    public JsonObject? Invocation { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public IReadOnlyDictionary<string, ArmTemplate> Modules { get; }

    public JsonObject Parameters => Json["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Json["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Json["outputs"]?.AsObject() ?? [];

    public static ArmTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("Not a JSON object.", nameof(json)), "main", invocation: null);

    public ArmTemplate Module(string deploymentName) =>
        Modules.TryGetValue(deploymentName, out var module)
            ? module
            : throw new KeyNotFoundException($"{Path} deploys no module named '{deploymentName}' (has: {string.Join(", ", Modules.Keys)}).");

    /// <summary>Every resource here and in every module below, depth first.</summary>
    public IEnumerable<ArmResource> AllResources() =>
        Resources.Concat(Modules.Values.SelectMany(module => module.AllResources()));

    public IEnumerable<ArmTemplate> AllTemplates() =>
        new[] { this }.Concat(Modules.Values.SelectMany(module => module.AllTemplates()));

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(resource => resource.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && !resource.IsExisting).ToList();

    public ArmResource SingleOf(string type)
    {
        var found = OfType(type);
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"{Path} declares {found.Count} resources of type {type}, expected exactly one.");
    }

    /// <summary>The value (literal or expression) the parent template passes for one of this module's parameters.</summary>
    public JsonNode? ArgumentFor(string parameterName) =>
        Invocation?["properties"]?["parameters"]?[parameterName]?["value"];

    public string ArgumentTextFor(string parameterName) =>
        ArgumentFor(parameterName)?.ToString()
            ?? throw new KeyNotFoundException($"The caller of {Path} passes no value for '{parameterName}'.");

    /// <summary>
    /// Replaces variables('x') and variables('x').y that name literal strings with the quoted literal,
    /// so an assertion can see a role id or a name a variable holds.
    /// </summary>
    public string ResolveVariables(string expression) =>
        VariableReference().Replace(expression, match =>
        {
            JsonNode? node = Variables[match.Groups["name"].Value];
            foreach (var member in match.Groups["member"].Captures.Select(capture => capture.Value))
            {
                node = node is JsonObject obj ? obj[member] : null;
            }

            return node is JsonValue value && value.TryGetValue<string>(out var text) && !text.StartsWith('[')
                ? $"'{text}'"
                : match.Value;
        });

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject bySymbolicName => bySymbolicName.Select(pair => pair.Value).OfType<JsonObject>(),
            _ => [],
        };

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)(?:\.(?<member>\w+))*")]
    private static partial Regex VariableReference();
}
