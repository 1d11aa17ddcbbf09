using System.Globalization;

namespace EcCrm.Core.Messaging.Localization;

/// <summary>
/// An amount with its currency, written as the reader's locale writes money: ¥12,800 and €72.00 for Japanese and English
/// readers, 72,00 € for German ones. Digits follow the currency (no decimals for yen or won). A currency is shown by its
/// short symbol where the reader's country uses it or the symbol is unambiguous ($59.90 for an American reader), and by
/// its international symbol elsewhere (US$59.90 for a Japanese reader); an unknown code is written as it is.
/// </summary>
public static class Money
{
    private static readonly Dictionary<string, (string Local, string International, int Digits)> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["JPY"] = ("¥", "¥", 0),
        ["EUR"] = ("€", "€", 2),
        ["GBP"] = ("£", "£", 2),
        ["USD"] = ("$", "US$", 2),
        ["AUD"] = ("$", "A$", 2),
        ["CAD"] = ("$", "CA$", 2),
        ["NZD"] = ("$", "NZ$", 2),
        ["SGD"] = ("$", "S$", 2),
        ["HKD"] = ("$", "HK$", 2),
        ["TWD"] = ("$", "NT$", 0),
        ["CNY"] = ("¥", "CN¥", 2),
        ["KRW"] = ("₩", "₩", 0),
        ["INR"] = ("₹", "₹", 2),
        ["CHF"] = ("CHF", "CHF", 2),
        ["VND"] = ("₫", "₫", 0),
    };

    /// <summary>The amount in <paramref name="currency"/> (ISO 4217) for a reader of <paramref name="culture"/>; without a currency, the number alone.</summary>
    public static string Format(decimal amount, string? currency, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        if (string.IsNullOrWhiteSpace(currency))
        {
            return amount.ToString(decimal.Round(amount) == amount ? "N0" : "N2", format);
        }

        var code = currency.Trim().ToUpperInvariant();
        if (Currencies.TryGetValue(code, out var known))
        {
            format.CurrencySymbol = known.Local == known.International || IsHomeCurrency(code, culture) ? known.Local : known.International;
            format.CurrencyDecimalDigits = known.Digits;
        }
        else
        {
            format.CurrencySymbol = code + "\u00A0";
            format.CurrencyDecimalDigits = 2;
        }

        return amount.ToString("C", format);
    }

    /// <summary>Whether the currency is the one of the reader's country (a language alone stands for its main country: en for the US).</summary>
    private static bool IsHomeCurrency(string code, CultureInfo culture)
    {
        try
        {
            var specific = culture.IsNeutralCulture ? CultureInfo.CreateSpecificCulture(culture.Name) : culture;
            return string.Equals(new RegionInfo(specific.Name).ISOCurrencySymbol, code, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
