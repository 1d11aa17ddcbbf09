using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EcCrm.Deploy.Tests.Workflows;

/// <summary>A GitHub Actions workflow under .github/workflows.</summary>
public sealed partial class Workflow
{
    private Workflow(YamlFile file) => File = file;

    public static IReadOnlyList<string> Files { get; } = [".github/workflows/ci.yml", ".github/workflows/deploy.yml"];

    public YamlFile File { get; }

    public string? Name => YamlFile.Scalar(File.Root, "name");

    public YamlNode? Permissions => YamlFile.Child(File.Root, "permissions");

    public IReadOnlyDictionary<string, YamlMappingNode> Jobs =>
        ((YamlMappingNode)YamlFile.Child(File.Root, "jobs")!).Children
            .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (YamlMappingNode)pair.Value);

    /// <summary>Every `uses:` line as written, with the version comment that follows the pin.</summary>
    public IEnumerable<ActionReference> Actions =>
        File.Text.Split('\n').Select(line => UsesLine().Match(line)).Where(match => match.Success)
            .Select(match => new ActionReference(match.Groups["action"].Value, match.Groups["ref"].Value, match.Groups["comment"].Value.Trim()));

    public static Workflow Load(string relativePath) => new(YamlFile.Load(relativePath));

    public static IEnumerable<YamlMappingNode> StepsOf(YamlMappingNode job) =>
        (YamlFile.Child(job, "steps") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    /// <summary>All shell commands of a job, joined.</summary>
    public static string ScriptOf(YamlMappingNode job) =>
        string.Join('\n', StepsOf(job).Select(step => YamlFile.Scalar(step, "run")).OfType<string>());

    public override string ToString() => File.RelativePath;

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s*(?<action>[^@\s]+)@(?<ref>[^\s#]+)\s*(?:#(?<comment>.*))?$")]
    private static partial Regex UsesLine();
}
