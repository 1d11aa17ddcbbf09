using System.Text.RegularExpressions;

namespace EcCrm.Deploy.Tests.Arm;

/// <summary>Small predicates over compiled ARM expressions, kept in one place so tests read as sentences.</summary>
public static class ArmExpressions
{
    public static string Parameter(string name) => $"[parameters('{name}')]";

    public static bool IsParameter(string? expression, string name) => expression == Parameter(name);

    /// <summary>True when the expression reads outputs.&lt;output&gt; of the module deployed as &lt;module&gt;.</summary>
    public static bool IsModuleOutput(string? expression, string module, string output) =>
        expression is not null
        && Regex.IsMatch(
            expression,
            $@"^\[reference\(.*'Microsoft\.Resources/deployments', '{Regex.Escape(module)}'\).*\)\.outputs\.{Regex.Escape(output)}\.value\]$");
}
