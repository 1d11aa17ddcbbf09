namespace EcCrm.Core.Journeys.Catalog;

/// <summary>The e-mail templates a journey may name.</summary>
public interface IKnownTemplates
{
    Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken);

    /// <summary>The template's mistakes (syntax, unknown variables or filters, missing layout); empty when it is sound.</summary>
    Task<IReadOnlyList<Messaging.Templates.TemplateError>> ValidateAsync(string templateId, CancellationToken cancellationToken);

    /// <summary>The variables the template reads, in any of its languages, with its layout and partials (such as <c>coupon</c>).</summary>
    Task<IReadOnlySet<string>> VariablesAsync(string templateId, CancellationToken cancellationToken);
}
