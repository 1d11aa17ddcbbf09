using EcCrm.Core.Journeys.Catalog;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>The e-mail templates journeys may name: their ids, their mistakes, and rendering.</summary>
public sealed class TemplateCatalog(IEmailTemplates templates) : IKnownTemplates
{
    public async Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken) =>
        (await templates.ListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TemplateError>> ValidateAsync(string templateId, CancellationToken cancellationToken)
    {
        var (template, error) = await templates.GetAsync(templateId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return [error];
        }

        if (template is null)
        {
            return [new TemplateError(templateId, null, "There is no such template.")];
        }

        var layout = template.Layout is null ? null : await templates.GetLayoutAsync(template.Layout, cancellationToken).ConfigureAwait(false);
        var partials = await templates.GetPartialsAsync(cancellationToken).ConfigureAwait(false);
        return TemplateRenderer.Validate(template, layout, partials, layoutRequired: template.Layout is not null);
    }

    /// <exception cref="InvalidOperationException">The template does not exist or does not render (the message says where and why).</exception>
    public async Task<RenderedEmail> RenderAsync(string templateId, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken)
    {
        var (template, error) = await templates.GetAsync(templateId, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            throw new InvalidOperationException(error?.ToString() ?? $"There is no template \"{templateId}\".");
        }

        var layout = template.Layout is null ? null : await templates.GetLayoutAsync(template.Layout, cancellationToken).ConfigureAwait(false);
        var partials = await templates.GetPartialsAsync(cancellationToken).ConfigureAwait(false);
        return TemplateRenderer.Render(template, layout, partials, model);
    }
}
