using System.Globalization;
using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Exceptions;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Renders templates with Liquid (DotLiquid). Values are HTML-encoded before they reach the HTML part, so a customer
/// named <c>&lt;b&gt;</c> stays text; the subject and text part get them as they are. <see cref="Validate"/> renders a
/// template against <see cref="EmailModel.Sample"/>, which holds every documented variable, so a misspelt variable, an
/// unknown filter or a syntax error is found when a journey is validated, not when an e-mail is sent.
/// </summary>
public static partial class TemplateRenderer
{
    static TemplateRenderer()
    {
        // strftime formats (%B %-d) as in Shopify's Liquid.
        Liquid.UseRubyDateFormat = true;
    }

    public static RenderedEmail Render(EmailTemplateSource template, string? layout, IReadOnlyDictionary<string, string> partials, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        var files = new PartialFileSystem(partials);
        var plain = Hash.FromDictionary(ToLiquid(model, encode: false));
        var encoded = Hash.FromDictionary(ToLiquid(model, encode: true));
        var subject = Collapse(Template.Parse(template.Subject).Render(Parameters(plain, files)));
        var preheader = template.Preheader is null ? string.Empty : Template.Parse(template.Preheader).Render(Parameters(plain, files));
        var body = Template.Parse(template.Html).Render(Parameters(encoded, files));
        var html = body;
        if (layout is not null)
        {
            var page = Hash.FromDictionary(ToLiquid(model, encode: true));
            page["content"] = body;
            page["subject"] = System.Net.WebUtility.HtmlEncode(subject);
            page["preheader"] = System.Net.WebUtility.HtmlEncode(preheader);
            html = Template.Parse(layout).Render(Parameters(page, files));
        }

        var text = template.Text is null ? HtmlText.From(html) : Template.Parse(template.Text).Render(Parameters(plain, files)).Trim();
        return new RenderedEmail(subject, html, text);
    }

    /// <summary>Every problem in a template (and its layout), each with a line where the source shows it.</summary>
    public static IReadOnlyList<TemplateError> Validate(EmailTemplateSource template, string? layout, IReadOnlyDictionary<string, string> partials, bool layoutRequired)
    {
        ArgumentNullException.ThrowIfNull(template);
        var files = new PartialFileSystem(partials);
        var errors = new List<TemplateError>();
        if (layoutRequired && layout is null)
        {
            errors.Add(new TemplateError(template.Id, 1, $"There is no layout \"{template.Layout}\" (layouts/{template.Layout}.liquid)."));
        }

        // (part, Liquid, the line of the file the part starts on)
        var parts = new List<(string Name, string Source, int FirstLine)> { ("subject", template.Subject, 2), ("html", template.Html, template.BodyLine) };
        if (template.Preheader is not null)
        {
            parts.Add(("preheader", template.Preheader, 2));
        }

        if (template.Text is not null)
        {
            parts.Add(("text", template.Text, 1));
        }

        if (layout is not null)
        {
            parts.Add(("layout", layout, 1));
        }

        var model = EmailModel.Sample();
        foreach (var clash in partials.Keys.Where(model.ContainsKey))
        {
            // Liquid's include binds a variable named like the partial: a partial called "products" would loop over them.
            errors.Add(new TemplateError(template.Id, null, $"The partial \"{clash}\" is named like the variable {clash}; rename partials/{clash}.liquid (for example to {clash}-list.liquid)."));
        }

        var sample = Hash.FromDictionary(ToLiquid(model, encode: false));
        sample["content"] = "<p>body</p>";
        sample["subject"] = "subject";
        sample["preheader"] = "preheader";
        foreach (var (name, source, firstLine) in parts)
        {
            var where = name == "layout" ? $"{template.Id} (layout {template.Layout})" : template.Id;
            try
            {
                var parsed = Template.Parse(source);
                parsed.Render(Parameters(sample, files));
                foreach (var error in parsed.Errors)
                {
                    var variable = MissingVariable().Match(error.Message) is { Success: true } match ? match.Groups[1].Value : null;
                    errors.Add(new TemplateError(where, variable is null ? null : LineOf(source, variable, firstLine), variable is null
                        ? error.Message
                        : $"Unknown variable \"{variable}\" in the {name}. Variables are listed in docs/email.md (profile, last_order, products, recommendations, coupon, shop, links, unsubscribe_url, journey)."));
                }
            }
            catch (SyntaxException ex)
            {
                errors.Add(new TemplateError(where, null, $"The {name} does not parse: {ex.Message}"));
            }
            catch (FilterNotFoundException ex)
            {
                errors.Add(new TemplateError(where, LineOf(source, ex.Message.Split(' ')[^1], firstLine), $"Unknown filter \"{ex.Message.Split(' ')[^1]}\" in the {name}."));
            }
            catch (FileSystemException ex)
            {
                errors.Add(new TemplateError(where, LineOf(source, "include", firstLine), ex.Message));
            }
        }

        return errors;
    }

    private static RenderParameters Parameters(Hash model, PartialFileSystem files) => new(CultureInfo.InvariantCulture)
    {
        LocalVariables = model,
        Registers = Hash.FromAnonymousObject(new { file_system = files }),
        ErrorsOutputMode = ErrorsOutputMode.Rethrow,
        SyntaxCompatibilityLevel = SyntaxCompatibility.DotLiquid22a,
    };

    private static Dictionary<string, object?> ToLiquid(IReadOnlyDictionary<string, object?> model, bool encode) =>
        model.ToDictionary(pair => pair.Key, pair => Convert(pair.Value, encode));

    private static object? Convert(object? value, bool encode) => value switch
    {
        null => null,
        string text => encode ? System.Net.WebUtility.HtmlEncode(text) : text,
        IReadOnlyDictionary<string, object?> nested => Hash.FromDictionary(ToLiquid(nested, encode)),
        IEnumerable<object?> list => list.Select(item => Convert(item, encode)).ToList(),
        _ => value,
    };

    private static int? LineOf(string source, string token, int firstLine)
    {
        var index = source.IndexOf(token, StringComparison.Ordinal);
        return index < 0 ? null : source[..index].Count(c => c == '\n') + firstLine;
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"Variable '([^']+)' could not be found")]
    private static partial Regex MissingVariable();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
