namespace EcCrm.Core.Journeys.Catalog;

/// <summary>The e-mail templates a journey may name.</summary>
public interface IKnownTemplates
{
    Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken);

    /// <summary>The template's mistakes (syntax, unknown variables or filters, missing layout); empty when it is sound.</summary>
    Task<IReadOnlyList<Messaging.Templates.TemplateError>> ValidateAsync(string templateId, CancellationToken cancellationToken);
}
