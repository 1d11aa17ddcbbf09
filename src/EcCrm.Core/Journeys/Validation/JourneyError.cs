namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// One mistake in a journey: where (a JSON path such as <c>$.nodes[3].template</c>), what is wrong as a plain
/// sentence, and, where it is obvious, how to fix it.
/// </summary>
public sealed record JourneyError(string Path, string Message, string? Fix = null)
{
    public override string ToString() => Fix is null ? $"{Path}: {Message}" : $"{Path}: {Message} {Fix}";
}
