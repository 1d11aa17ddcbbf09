namespace EcCrm.Core.Messaging.Templates;

/// <summary>A mistake in a template: which one, where (line, when known) and what.</summary>
public sealed record TemplateError(string TemplateId, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{TemplateId}, line {line}: {Message}" : $"{TemplateId}: {Message}";
}
