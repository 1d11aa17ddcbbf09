using Fluid;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// One Liquid text, parsed: the template, or why it does not parse and where (line and column within the text). It
/// also lists the filters the text uses, the partials it includes by name and the variables it reads, for the checks
/// made before rendering.
/// </summary>
internal sealed record LiquidParse(IFluidTemplate? Template, string? Error, int? Line, int? Column)
{
    public IReadOnlySet<string> Filters { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<string> Includes { get; init; } = [];

    public IReadOnlySet<string> Variables { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
