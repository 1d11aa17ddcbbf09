namespace EcCrm.Core.Messaging.Templates;

/// <summary>A template rendered for one customer.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
