using YamlDotNet.RepresentationModel;

namespace EcCrm.Deploy.Tests.Workflows;

/// <summary>A YAML file of the repository, parsed into nodes (the file must be valid YAML to load).</summary>
public sealed class YamlFile
{
    private YamlFile(string relativePath, string text, YamlMappingNode root)
    {
        RelativePath = relativePath;
        Text = text;
        Root = root;
    }

    public string RelativePath { get; }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public static YamlFile Load(string relativePath)
    {
        var text = Repository.Read(relativePath);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var document = Assert.Single(stream.Documents);
        return new YamlFile(relativePath, text, Assert.IsType<YamlMappingNode>(document.RootNode));
    }

    /// <summary>Every scalar value in the document (keys excluded), in document order.</summary>
    public IEnumerable<string> ScalarValues() => ValuesOf(Root);

    public override string ToString() => RelativePath;

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IEnumerable<string> ValuesOf(YamlNode node) => node switch
    {
        YamlScalarNode scalar when scalar.Value is not null => [scalar.Value],
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(ValuesOf),
        YamlSequenceNode sequence => sequence.Children.SelectMany(ValuesOf),
        _ => [],
    };
}
