using System.Text.Json.Nodes;

namespace EcCrm.Deploy.Tests.Arm;

/// <summary>One resource of a compiled template, with the template (module) that declares it.</summary>
public sealed record ArmResource(ArmTemplate Template, JsonObject Json)
{
    public string Type => (string)Json["type"]!;

    /// <summary>The name as compiled: a literal or an ARM expression such as "[parameters('name')]".</summary>
    public string Name => (string)Json["name"]!;

    public bool IsExisting => Json["existing"]?.GetValue<bool>() ?? false;

    public JsonObject Properties => Json["properties"]?.AsObject() ?? [];

    public string? Scope => (string?)Json["scope"];

    public string? Condition => Json["condition"]?.ToString();

    /// <summary>The name with every literal variable reference replaced by its value.</summary>
    public string ResolvedName => Template.ResolveVariables(Name);

    public string ResolvedProperty(string name) => Template.ResolveVariables(Properties[name]?.ToString() ?? "");

    public override string ToString() => $"{Type} {Name} in {Template.Path}";
}
