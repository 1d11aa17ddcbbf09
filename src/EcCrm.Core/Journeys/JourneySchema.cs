namespace EcCrm.Core.Journeys;

/// <summary>
/// The JSON Schema (2020-12) of journey files, embedded from <c>journeys/journey.schema.json</c> so the file editors
/// point at and the one the code ships are the same.
/// </summary>
public static class JourneySchema
{
    public const string ResourceName = "EcCrm.Core.Journeys.journey.schema.json";

    private static readonly Lazy<string> Content = new(() =>
    {
        using var stream = typeof(JourneySchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Content.Value;
}
