namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// A template as written: Liquid for the subject, the preheader, the HTML body and (optionally) the text part, and the
/// layout it goes in. Read from <c>journeys/templates/&lt;id&gt;.liquid</c> (and <c>&lt;id&gt;.txt.liquid</c>).
/// </summary>
public sealed record EmailTemplateSource(string Id, string Subject, string? Preheader, string Html, string? Text, string? Layout)
{
    /// <summary>The line of the file the HTML body starts on, so errors in it point at the file's own line.</summary>
    public int BodyLine { get; init; } = 1;
}
