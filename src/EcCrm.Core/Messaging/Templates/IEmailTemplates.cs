namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Where templates and their layouts come from (the journeys' <c>templates</c> folder). Handing out the same objects
/// (the same strings and dictionaries) while a file is unchanged lets the parsed Liquid be reused: it is cached by the
/// text it was parsed from.
/// </summary>
public interface IEmailTemplates
{
    /// <summary>The names of the templates: ids, and ids with a language (<c>winback-1.ja</c>, see <see cref="TemplateVariants"/>).</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The template, or an error when its file cannot be read; <c>(null, null)</c> when there is no such template.</summary>
    Task<(EmailTemplateSource? Template, TemplateError? Error)> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The names of the layouts, such as <c>default</c> and <c>default.ja</c>.</summary>
    Task<IReadOnlyList<string>> ListLayoutsAsync(CancellationToken cancellationToken);

    /// <summary>A layout's Liquid (it places the body with <c>{{ content }}</c>), or <c>null</c> when there is none by that name.</summary>
    Task<string?> GetLayoutAsync(string name, CancellationToken cancellationToken);

    /// <summary>Partials by name, for <c>{% include 'name' %}</c>.</summary>
    Task<IReadOnlyDictionary<string, string>> GetPartialsAsync(CancellationToken cancellationToken);
}
