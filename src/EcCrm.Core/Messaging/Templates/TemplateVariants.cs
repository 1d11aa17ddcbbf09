using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Templates, layouts and partials in several languages: <c>winback-1.ja.liquid</c> is the Japanese text of
/// <c>winback-1</c>, <c>layouts/default.en.liquid</c> the English default layout. A name's last part is a language when it
/// is a two- or three-letter code (ISO 639); a name without one is written in the shop's language (<c>Shop:Locale</c>).
/// </summary>
public static partial class TemplateVariants
{
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>> PartialsByLanguage = new();

    /// <summary>The template a file name belongs to, and its language (<c>null</c> for the shop's own).</summary>
    public static (string Id, string? Language) Split(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.LastIndexOf('.');
        return dot > 0 && Language().IsMatch(name[(dot + 1)..]) ? (name[..dot], name[(dot + 1)..]) : (name, null);
    }

    /// <summary>The name of a template, layout or partial in a language.</summary>
    public static string In(string id, string language) => $"{id}.{language}";

    /// <summary>
    /// The partials as a template in <paramref name="language"/> includes them: <c>{% include 'name' %}</c> finds
    /// <c>name.{language}</c> when there is one, else <c>name</c>. The same set and language always give the same
    /// dictionary, so its parsed partials are kept (see <see cref="LiquidEngine"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> PartialsIn(IReadOnlyDictionary<string, string> partials, string? language)
    {
        ArgumentNullException.ThrowIfNull(partials);
        if (partials.Keys.All(name => Split(name).Language is null))
        {
            return partials;
        }

        return PartialsByLanguage.GetOrCreateValue(partials).GetOrAdd(language ?? string.Empty, wanted =>
        {
            var view = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, source) in partials)
            {
                var (id, of) = Split(name);
                if (of is null ? !view.ContainsKey(id) : of == wanted)
                {
                    view[id] = source;
                }
            }

            return view;
        });
    }

    // txt is the text part's marker (winback-1.txt.liquid), not a language.
    [GeneratedRegex("^(?!txt$)[a-z]{2,3}$")]
    private static partial Regex Language();
}
