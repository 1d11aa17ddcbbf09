using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Liquid as EcCrm uses it (Fluid): one parser, and caches that never need invalidating because they are keyed by the
/// objects themselves. A text is parsed once for as long as it lives, so the same template text (held by the template
/// source while its file is unchanged) is never parsed twice, and an edited file, which is a new text, is parsed
/// afresh. Each set of partials gets its own options, whose include cache parses each partial of the set once. Parsed
/// templates are immutable and shared between threads.
/// </summary>
internal static partial class LiquidEngine
{
    private static readonly FluidParser Parser = new();
    private static readonly ConditionalWeakTable<string, LiquidParse> Parsed = new();
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, TemplateOptions> OptionsByPartials = new();
    private static readonly TemplateOptions WithoutPartials = CreateOptions(new Dictionary<string, string>());

    /// <summary>The filters every template may use: Shopify's standard set, as Fluid provides it, and EcCrm's locale filters.</summary>
    public static IReadOnlySet<string> KnownFilters { get; } = WithoutPartials.Filters.Select(filter => filter.Key).ToHashSet(StringComparer.Ordinal);

    public static LiquidParse Parse(string source) => Parsed.GetValue(source, ParseNow);

    public static TemplateOptions Options(IReadOnlyDictionary<string, string> partials) =>
        partials.Count == 0 ? WithoutPartials : OptionsByPartials.GetValue(partials, CreateOptions);

    /// <summary>
    /// Renders a parsed template with the model's values as variables; with <paramref name="unknown"/>, variables that do
    /// not exist are added to it. Values arrive encoded as they should appear, so nothing is encoded here. With a
    /// <paramref name="locale"/>, dates and numbers are written in its culture and time zone (invariant and UTC without).
    /// </summary>
    public static string Render(LiquidParse parsed, TemplateOptions options, IReadOnlyDictionary<string, FluidValue> model, IReadOnlyDictionary<string, FluidValue>? extra = null, ICollection<string>? unknown = null, LiquidLocale? locale = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var template = parsed.Template ?? throw new InvalidOperationException(parsed.Error);
        var context = new TemplateContext(options);
        if (locale is not null)
        {
            context.CultureInfo = locale.Culture;
            context.TimeZone = locale.TimeZone;
            if (locale.Currency is { } currency)
            {
                context.AmbientValues[LocaleFilters.CurrencyValue] = currency;
            }
        }

        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, FluidValue>())
        {
            context.SetValue(name, value);
        }

        if (unknown is not null)
        {
            context.Undefined = name =>
            {
                unknown.Add(name);
                return new ValueTask<FluidValue>(NilValue.Instance);
            };
        }

        return template.Render(context, NullEncoder.Default);
    }

    private static LiquidParse ParseNow(string source)
    {
        if (Parser.TryParse(source, out var template, out var error) && template is not null)
        {
            var names = new LiquidNames();
            names.VisitTemplate(template);
            return new LiquidParse(template, null, null, null) { Filters = names.Filters, Includes = names.Includes, Variables = names.Variables };
        }

        // Fluid reports "<what> at (line:column)" followed by the source line.
        var message = (error ?? "it is not Liquid").Split('\n')[0];
        var position = Position().Match(message);
        return position.Success
            ? new LiquidParse(null, message[..position.Index].Trim(), Number(position.Groups["line"].Value), Number(position.Groups["column"].Value))
            : new LiquidParse(null, message.Trim(), null, null);
    }

    private static TemplateOptions CreateOptions(IReadOnlyDictionary<string, string> partials)
    {
        var options = new TemplateOptions
        {
            FileProvider = new PartialFileProvider(partials),
            // As in Shopify's Liquid: names are case-sensitive, and dates and numbers are written the same on every
            // machine. Each e-mail is rendered in its own locale and time zone (LiquidLocale), never the machine's.
            ModelNamesComparer = StringComparer.Ordinal,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            // A filter that does not exist is a mistake to report, not a value to pass through unchanged.
            StrictFilters = true,
        };
        options.Filters.WithLocaleFilters();
        return options;
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex Position();
}
