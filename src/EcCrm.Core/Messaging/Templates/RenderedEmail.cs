namespace EcCrm.Core.Messaging.Templates;

/// <summary>A template rendered for one customer.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text)
{
    /// <summary>The locale it was written for (such as ja-JP), when the template was chosen by language.</summary>
    public string? Language { get; init; }
}
