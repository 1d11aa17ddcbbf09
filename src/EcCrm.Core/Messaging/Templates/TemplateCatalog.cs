using System.Globalization;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Messaging.Localization;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// The e-mail templates journeys may name: their ids, their mistakes, the variables they use, and rendering. A template
/// may be written in several languages (<see cref="TemplateVariants"/>); each customer gets the one in their own language,
/// else the shop's, else the plain file (the shop's language), else English, else any there is.
/// </summary>
public sealed class TemplateCatalog(IEmailTemplates templates) : IKnownTemplates
{
    public async Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken) =>
        (await templates.ListAsync(cancellationToken).ConfigureAwait(false)).Select(name => TemplateVariants.Split(name).Id).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TemplateError>> ValidateAsync(string templateId, CancellationToken cancellationToken)
    {
        var variants = await VariantsAsync(templateId, cancellationToken).ConfigureAwait(false);
        if (variants.Count == 0)
        {
            return [new TemplateError(templateId, null, "There is no such template.")];
        }

        var partials = await templates.GetPartialsAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<TemplateError>();
        foreach (var (name, language) in variants)
        {
            var (template, error) = await templates.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (error is not null || template is null)
            {
                errors.Add(error ?? new TemplateError(name, null, "There is no such template."));
                continue;
            }

            var layouts = await LayoutsForAsync(template.Layout, language, cancellationToken).ConfigureAwait(false);
            foreach (var layout in layouts.DefaultIfEmpty())
            {
                var inLanguage = TemplateVariants.PartialsIn(partials, layout.Language ?? language);
                var mistakes = TemplateRenderer.Validate(template, layout.Source, inLanguage, layoutRequired: template.Layout is not null);
                errors.AddRange(mistakes.Count > 0 ? mistakes : SenderIdentity.Check(template, layout.Source, layout.Name, inLanguage));
            }
        }

        return errors;
    }

    /// <summary>The variables a template uses in any of its languages, with its layouts and partials, such as <c>coupon</c>.</summary>
    public async Task<IReadOnlySet<string>> VariablesAsync(string templateId, CancellationToken cancellationToken)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var partials = await templates.GetPartialsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (name, language) in await VariantsAsync(templateId, cancellationToken).ConfigureAwait(false))
        {
            if ((await templates.GetAsync(name, cancellationToken).ConfigureAwait(false)).Template is not { } template)
            {
                continue;
            }

            var layouts = await LayoutsForAsync(template.Layout, language, cancellationToken).ConfigureAwait(false);
            used.UnionWith(TemplateRenderer.Variables(template, layouts.Select(layout => layout.Source), TemplateVariants.PartialsIn(partials, language)));
        }

        return used;
    }

    /// <summary>
    /// Renders a template for one customer, in the language <see cref="ChooseAsync"/> picks, with the model made from
    /// <paramref name="input"/> in that language's culture.
    /// </summary>
    /// <exception cref="InvalidOperationException">The template does not exist or does not render (the message says where and why).</exception>
    public async Task<RenderedEmail> RenderAsync(string templateId, EmailModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (name, culture) = await ChooseAsync(templateId, EmailLanguages.Culture(input.Profile.Locale), EmailLanguages.Culture(input.Shop.Locale), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no template \"{templateId}\".");
        var model = EmailModel.Build(input with { Culture = culture });
        return await RenderVariantAsync(name, culture.TwoLetterISOLanguageName, model, cancellationToken).ConfigureAwait(false) with { Language = culture.Name };
    }

    /// <summary>Renders a template with a model made elsewhere, in the language the model's <c>email.locale</c> names.</summary>
    /// <exception cref="InvalidOperationException">The template does not exist or does not render (the message says where and why).</exception>
    public async Task<RenderedEmail> RenderAsync(string templateId, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken)
    {
        var culture = LiquidLocale.Of(model)?.Culture;
        var (name, chosen) = await ChooseAsync(templateId, culture, culture, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no template \"{templateId}\".");
        return await RenderVariantAsync(name, chosen.TwoLetterISOLanguageName, model, cancellationToken).ConfigureAwait(false) with { Language = chosen.Name };
    }

    /// <summary>
    /// Which file of a template a customer gets, and the culture it is written for: the customer's language, else the
    /// shop's, else the plain file (written in the shop's language), else English, else the first language there is.
    /// <c>null</c> when the template does not exist.
    /// </summary>
    public async Task<(string Name, CultureInfo Culture)?> ChooseAsync(string templateId, CultureInfo? customer, CultureInfo? shop, CancellationToken cancellationToken)
    {
        var variants = await VariantsAsync(templateId, cancellationToken).ConfigureAwait(false);
        var shopCulture = shop ?? CultureInfo.GetCultureInfo(EmailLanguages.English);
        (string, CultureInfo)? In(CultureInfo? culture) =>
            culture is not null && variants.Any(variant => variant.Language == culture.TwoLetterISOLanguageName)
                ? (TemplateVariants.In(templateId, culture.TwoLetterISOLanguageName), culture)
                : null;

        return In(customer) ?? In(shopCulture)
            ?? (variants.Any(variant => variant.Language is null) ? (templateId, shopCulture) : ((string, CultureInfo)?)null)
            ?? In(CultureInfo.GetCultureInfo(EmailLanguages.English))
            ?? (variants.FirstOrDefault() is ({ } first, { } language) ? (first, CultureInfo.GetCultureInfo(language)) : null);
    }

    private async Task<RenderedEmail> RenderVariantAsync(string name, string language, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken)
    {
        var (template, error) = await templates.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            throw new InvalidOperationException(error?.ToString() ?? $"There is no template \"{name}\".");
        }

        // A template in a language no layout is written in goes in the English one: the footer the law asks for is never left out.
        var layout = template.Layout is null ? null
            : (await LayoutsForAsync(template.Layout, language, cancellationToken).ConfigureAwait(false)).FirstOrDefault().Source
                ?? await templates.GetLayoutAsync(TemplateVariants.In(template.Layout, EmailLanguages.English), cancellationToken).ConfigureAwait(false);
        var partials = TemplateVariants.PartialsIn(await templates.GetPartialsAsync(cancellationToken).ConfigureAwait(false), language);
        return TemplateRenderer.Render(template, layout, partials, model);
    }

    /// <summary>The files of a template: the plain one (language <c>null</c>) first, then one per language, in order.</summary>
    private async Task<List<(string Name, string? Language)>> VariantsAsync(string templateId, CancellationToken cancellationToken) =>
        [.. (await templates.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(name => (Name: name, Split: TemplateVariants.Split(name)))
            .Where(file => file.Split.Id == templateId)
            .OrderBy(file => file.Split.Language ?? string.Empty, StringComparer.Ordinal)
            .Select(file => (file.Name, file.Split.Language))];

    /// <summary>
    /// The layouts a template in <paramref name="language"/> may go in: the layout in that language, else the plain
    /// one. A plain template (no language) may meet any of them, for it takes the shop's language when it is sent.
    /// </summary>
    private async Task<List<(string Source, string? Language, string Name)>> LayoutsForAsync(string? layout, string? language, CancellationToken cancellationToken)
    {
        if (layout is null)
        {
            return [];
        }

        if (language is not null && await templates.GetLayoutAsync(TemplateVariants.In(layout, language), cancellationToken).ConfigureAwait(false) is { } local)
        {
            return [(local, language, TemplateVariants.In(layout, language))];
        }

        if (await templates.GetLayoutAsync(layout, cancellationToken).ConfigureAwait(false) is { } plain)
        {
            return [(plain, language, layout)];
        }

        if (language is not null)
        {
            return [];
        }

        var found = new List<(string Source, string? Language, string Name)>();
        foreach (var other in await templates.ListLayoutsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (TemplateVariants.Split(other) is var (id, of) && id == layout && await templates.GetLayoutAsync(other, cancellationToken).ConfigureAwait(false) is { } source)
            {
                found.Add((source, of, other));
            }
        }

        return found;
    }
}
