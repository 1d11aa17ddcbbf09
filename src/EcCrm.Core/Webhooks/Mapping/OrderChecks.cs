using System.Globalization;
using EcCrm.Core.Json;

namespace EcCrm.Core.Webhooks.Mapping;

/// <summary>Checks every mapper applies to the values it read, so all sources reject the same nonsense.</summary>
internal static class OrderChecks
{
    // The currencies of every region the runtime's culture data knows: all ISO 4217 codes in use.
    private static readonly Lazy<HashSet<string>> KnownCurrencies = new(() =>
        [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(culture => { try { return new RegionInfo(culture.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
            .OfType<string>()]);

    public static string Currency(JsonCursor at, string? code)
    {
        if (code is null)
        {
            return "XXX";
        }

        if (code.Length != 3 || !KnownCurrencies.Value.Contains(code.ToUpperInvariant()))
        {
            at.Fail($"must be a three-letter ISO 4217 currency code such as JPY or EUR, not \"{code}\"");
        }

        return code.ToUpperInvariant();
    }

    public static decimal NotNegative(JsonCursor at, decimal? amount)
    {
        if (amount < 0)
        {
            at.Fail("must not be negative");
        }

        return amount ?? 0m;
    }

    public static int Quantity(JsonCursor at, int? quantity)
    {
        if (quantity is <= 0)
        {
            at.Fail($"must be at least 1, not {quantity}");
        }

        return quantity ?? 1;
    }
}
