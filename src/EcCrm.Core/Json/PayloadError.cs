namespace EcCrm.Core.Json;

/// <summary>What is wrong with an incoming document, and where: a JSON path such as <c>$.line_items[2].price</c>.</summary>
public sealed record PayloadError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
