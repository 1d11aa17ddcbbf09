namespace EcCrm.Infrastructure.Journeys;

/// <summary>Where journey files and their templates live, and whether the Server publishes them when it starts.</summary>
public sealed class JourneyFilesOptions
{
    public const string SectionName = "Journeys";

    /// <summary>Folder of <c>*.journey.json</c> files (relative paths from the working directory). Templates are in its <c>templates</c> folder.</summary>
    public string Folder { get; set; } = "journeys";

    /// <summary>Publish every journey file at start-up (versions already published are left alone).</summary>
    public bool PublishOnStart { get; set; } = true;

    public string FullPath => Path.GetFullPath(Folder);

    public string TemplatesPath => Path.Combine(FullPath, "templates");
}
