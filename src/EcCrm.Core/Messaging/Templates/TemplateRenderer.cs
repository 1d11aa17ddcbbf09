using System.Net;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Renders templates with Liquid (Fluid). Values are HTML-encoded before they reach the HTML part, so a customer named
/// <c>&lt;b&gt;</c> stays text; the subject and text part get them as they are. Parsed templates are cached by their text
/// (<see cref="LiquidEngine"/>), so a template whose file has not changed is not parsed again. <see cref="Validate"/>
/// checks the filters and partials a template names and renders it against <see cref="EmailModel.Sample"/>, which holds
/// every documented variable, so a misspelt variable, an unknown filter or a syntax error is found when a journey is
/// validated, not when an e-mail is sent.
/// </summary>
public static partial class TemplateRenderer
{
    private const string Content = "content";
    private const string SubjectVariable = "subject";
    private const string PreheaderVariable = "preheader";
    private const string PartialExtension = ".liquid";

    /// <exception cref="InvalidOperationException">The template does not parse or render; the message names the template, the line and the mistake.</exception>
    public static RenderedEmail Render(EmailTemplateSource template, string? layout, IReadOnlyDictionary<string, string> partials, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(partials);
        ArgumentNullException.ThrowIfNull(model);
        var options = LiquidEngine.Options(partials);
        var locale = LiquidLocale.Of(model);
        var plain = LiquidModel.From(model, encode: false, options);
        var encoded = LiquidModel.From(model, encode: true, options);
        var subject = Collapse(RenderPart(Part.Subject(template), template.Id, partials, options, locale, plain));
        var preheader = template.Preheader is null ? string.Empty : RenderPart(Part.Preheader(template), template.Id, partials, options, locale, plain);
        var body = RenderPart(Part.Html(template), template.Id, partials, options, locale, encoded);
        var html = layout is null ? body : RenderPart(Part.Layout(template, layout), template.Id, partials, options, locale, encoded, new Dictionary<string, FluidValue>
        {
            [Content] = new StringValue(body),
            [SubjectVariable] = new StringValue(WebUtility.HtmlEncode(subject)),
            [PreheaderVariable] = new StringValue(WebUtility.HtmlEncode(preheader)),
        });
        var text = template.Text is null ? HtmlText.From(html) : RenderPart(Part.TextPart(template), template.Id, partials, options, locale, plain).Trim();
        return new RenderedEmail(subject, html, text);
    }

    /// <summary>Every problem in a template (and its layout and partials), each with a line where the source shows it.</summary>
    public static IReadOnlyList<TemplateError> Validate(EmailTemplateSource template, string? layout, IReadOnlyDictionary<string, string> partials, bool layoutRequired)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(partials);
        var errors = new List<TemplateError>();
        if (layoutRequired && layout is null)
        {
            errors.Add(new TemplateError(template.Id, 1, $"There is no layout \"{template.Layout}\" (layouts/{template.Layout}.liquid)."));
        }

        var model = EmailModel.Sample();
        foreach (var clash in partials.Keys.Where(model.ContainsKey))
        {
            // An include with "with" or "for" binds its value to a variable named like the partial, which would hide the
            // variable of that name inside it (and Shopify's Liquid binds it on every include): keep the names apart.
            errors.Add(new TemplateError(template.Id, null, $"The partial \"{clash}\" is named like the variable {clash}; rename partials/{clash}.liquid (for example to {clash}-list.liquid)."));
        }

        var options = LiquidEngine.Options(partials);
        var locale = LiquidLocale.Of(model);
        var unknown = new List<string>();
        var sample = LiquidModel.From(model, encode: false, options, unknown);
        var page = new Dictionary<string, FluidValue>
        {
            [Content] = new StringValue("<p>body</p>"),
            [SubjectVariable] = new StringValue("subject"),
            [PreheaderVariable] = new StringValue("preheader"),
        };
        foreach (var part in Part.All(template, layout))
        {
            var parsed = LiquidEngine.Parse(part.Source);
            if (parsed.Template is null)
            {
                errors.Add(ParseError(part, parsed));
                continue;
            }

            var named = NamedMistakes(part, parsed, template.Id, partials, new HashSet<string>(StringComparer.Ordinal));
            if (named.Count > 0)
            {
                // Rendering would only stop at the first of these again.
                errors.AddRange(named);
                continue;
            }

            unknown.Clear();
            try
            {
                LiquidEngine.Render(parsed, options, sample, page, unknown, locale);
            }
            catch (Exception ex) when (IsTemplateMistake(ex))
            {
                errors.Add(RenderError(part, ex));
            }

            errors.AddRange(unknown.Distinct(StringComparer.Ordinal).Select(variable => new TemplateError(part.Where, LineOfVariable(part, variable),
                $"Unknown variable \"{variable}\" in the {part.Name}. Variables are listed in docs/email.md (profile, salutation, last_order, products, recommendations, cart, viewed, coupon, shop, links, unsubscribe_url, survey, journey, email).")));
        }

        return errors;
    }

    /// <summary>
    /// The names a template reads (the first name of each variable it uses, such as <c>coupon</c>), in its subject,
    /// preheader, body and text part, its layouts, and every partial they include. Names a template binds itself (a
    /// <c>for</c> loop's variable) are among them.
    /// </summary>
    public static IReadOnlySet<string> Variables(EmailTemplateSource template, IEnumerable<string> layouts, IReadOnlyDictionary<string, string> partials)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(layouts);
        ArgumentNullException.ThrowIfNull(partials);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(Part.All(template, null).Select(part => part.Source).Concat(layouts));
        while (pending.TryDequeue(out var source))
        {
            var parsed = LiquidEngine.Parse(source);
            used.UnionWith(parsed.Variables);
            foreach (var include in parsed.Includes.Select(PartialName))
            {
                if (visited.Add(include) && partials.TryGetValue(include, out var partial))
                {
                    pending.Enqueue(partial);
                }
            }
        }

        return used;
    }

    private static string RenderPart(Part part, string templateId, IReadOnlyDictionary<string, string> partials, TemplateOptions options, LiquidLocale? locale, IReadOnlyDictionary<string, FluidValue> model, IReadOnlyDictionary<string, FluidValue>? extra = null)
    {
        var parsed = LiquidEngine.Parse(part.Source);
        if (parsed.Template is null)
        {
            throw new InvalidOperationException(ParseError(part, parsed).ToString());
        }

        try
        {
            return LiquidEngine.Render(parsed, options, model, extra, locale: locale);
        }
        catch (Exception ex) when (IsTemplateMistake(ex))
        {
            // An unknown filter or a broken partial is told with the file and line that hold it, even inside a partial.
            var named = ex is FluidException or FileNotFoundException ? NamedMistakes(part, parsed, templateId, partials, new HashSet<string>(StringComparer.Ordinal)) : [];
            var error = named.FirstOrDefault() ?? RenderError(part, ex);
            throw new InvalidOperationException(error.ToString(), ex);
        }
    }

    /// <summary>Filters that do not exist, and partials that are missing or do not parse, in a part and the partials it includes.</summary>
    private static List<TemplateError> NamedMistakes(Part part, LiquidParse parsed, string templateId, IReadOnlyDictionary<string, string> partials, HashSet<string> visited)
    {
        var errors = parsed.Filters.Where(filter => !LiquidEngine.KnownFilters.Contains(filter)).Order(StringComparer.Ordinal)
            .Select(filter => new TemplateError(part.Where, LineOf(part.Source, filter, part.FirstLine), $"Unknown filter \"{filter}\" in the {part.Name}."))
            .ToList();
        foreach (var include in parsed.Includes)
        {
            var name = PartialName(include);
            if (!partials.TryGetValue(name, out var source))
            {
                errors.Add(new TemplateError(part.Where, LineOf(part.Source, include, part.FirstLine), MissingPartial(name)));
                continue;
            }

            if (!visited.Add(name))
            {
                continue;
            }

            var partial = Part.Partial(templateId, name, source);
            var included = LiquidEngine.Parse(source);
            if (included.Template is null)
            {
                errors.Add(ParseError(partial, included));
                continue;
            }

            errors.AddRange(NamedMistakes(partial, included, templateId, partials, visited));
        }

        return errors;
    }

    private static TemplateError ParseError(Part part, LiquidParse parsed) =>
        new(part.Where, parsed.Line is { } line ? part.FirstLine + line - 1 : null, parsed.Column is { } column
            ? $"The {part.Name} does not parse at column {column}: {parsed.Error}."
            : $"The {part.Name} does not parse: {parsed.Error}.");

    /// <summary>What went wrong while rendering, in a sentence, with the line of the part that shows it when it can be told.</summary>
    private static TemplateError RenderError(Part part, Exception ex) => ex switch
    {
        FileNotFoundException missing => new TemplateError(part.Where, LineOf(part.Source, "include", part.FirstLine), MissingPartial(PartialName(missing.Message))),
        ParseException broken => new TemplateError(part.Where, LineOf(part.Source, "include", part.FirstLine), $"A partial the {part.Name} includes does not parse: {broken.Message.Split('\n')[0].TrimEnd('.')}."),
        FluidException unknown when UnknownFilter().Match(unknown.Message) is { Success: true } match =>
            new TemplateError(part.Where, LineOf(part.Source, match.Groups["name"].Value, part.FirstLine), $"Unknown filter \"{match.Groups["name"].Value}\" in the {part.Name}."),
        _ => new TemplateError(part.Where, null, $"The {part.Name} does not render: {ex.Message}"),
    };

    /// <summary>Mistakes in a template that show when it runs (Fluid's own errors, a missing partial, a bad argument), not faults of EcCrm.</summary>
    private static bool IsTemplateMistake(Exception ex) =>
        ex is FluidException or FileNotFoundException or InvalidOperationException or ArgumentException or FormatException or ArithmeticException;

    private static string PartialName(string include) => include.EndsWith(PartialExtension, StringComparison.Ordinal) ? include[..^PartialExtension.Length] : include;

    private static string MissingPartial(string name) => $"There is no partial \"{name}\" (partials/{name}.liquid).";

    private static int? LineOfVariable(Part part, string variable)
    {
        var member = variable[(variable.LastIndexOf('.') + 1)..];
        return LineOf(part.Source, variable, part.FirstLine) ?? LineOf(part.Source, "." + member, part.FirstLine) ?? LineOf(part.Source, member, part.FirstLine);
    }

    private static int? LineOf(string source, string token, int firstLine)
    {
        var index = source.IndexOf(token, StringComparison.Ordinal);
        return index < 0 ? null : source[..index].Count(c => c == '\n') + firstLine;
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"Undefined filter '(?<name>[^']+)'")]
    private static partial Regex UnknownFilter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A piece of Liquid: what it is, its text, the line of the file it starts on, and which file that is.</summary>
    private sealed record Part(string Name, string Source, int FirstLine, string Where)
    {
        public static Part Subject(EmailTemplateSource template) => new("subject", template.Subject, 2, template.Id);

        public static Part Preheader(EmailTemplateSource template) => new("preheader", template.Preheader ?? string.Empty, 2, template.Id);

        public static Part Html(EmailTemplateSource template) => new("html", template.Html, template.BodyLine, template.Id);

        public static Part TextPart(EmailTemplateSource template) => new("text", template.Text ?? string.Empty, 1, template.Id);

        public static Part Layout(EmailTemplateSource template, string layout) => new("layout", layout, 1, $"{template.Id} (layout {template.Layout})");

        public static Part Partial(string templateId, string name, string source) => new("partial", source, 1, $"{templateId} (partial {name})");

        public static IEnumerable<Part> All(EmailTemplateSource template, string? layout)
        {
            yield return Subject(template);
            yield return Html(template);
            if (template.Preheader is not null)
            {
                yield return Preheader(template);
            }

            if (template.Text is not null)
            {
                yield return TextPart(template);
            }

            if (layout is not null)
            {
                yield return Layout(template, layout);
            }
        }
    }
}
