using System.Globalization;

namespace EcCrm.Core.Messaging.Localization;

/// <summary>
/// The languages an e-mail may be written in for one customer, most wanted first: the customer's locale, the shop's
/// (<c>Shop:Locale</c>), then English. Locales that are not known cultures are passed over.
/// </summary>
public static class EmailLanguages
{
    public const string English = "en";

    public static IReadOnlyList<CultureInfo> For(string? customerLocale, string? shopLocale)
    {
        var candidates = new List<CultureInfo>();
        foreach (var locale in new[] { customerLocale, shopLocale, English })
        {
            if (Culture(locale) is { } culture && candidates.All(known => known.TwoLetterISOLanguageName != culture.TwoLetterISOLanguageName))
            {
                candidates.Add(culture);
            }
        }

        return candidates;
    }

    /// <summary>The culture a locale names (ja, ja-JP, en_US), or <c>null</c> when it names none.</summary>
    public static CultureInfo? Culture(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(locale.Trim().Replace('_', '-'), predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
