using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// The shop's settings a simulation runs with, the ones the Server runs with: its time zone (<c>Shop:TimeZone</c>, its days
/// and the customers' zone when theirs is unknown), its currency (<c>Shop:Currency</c>, for orders that name none) and the
/// sweep (<c>Sweep:Schedule</c>, <c>Sweep:CatchUpDays</c>).
/// </summary>
public sealed record SimulationSettings(string ShopTimeZone, string? ShopCurrency, SweepOptions Sweep)
{
    /// <summary>The setting that names the currency the shop sells in (ISO 4217), as environment variable <c>Shop__Currency</c>.</summary>
    public const string ShopCurrencySetting = ShopOptions.SectionName + ":Currency";

    /// <summary>The Server's defaults: a shop in UTC, no currency of its own, the sweep daily at 02:00.</summary>
    public static SimulationSettings Default { get; } = new("UTC", null, new SweepOptions());

    public static SimulationSettings From(ShopOptions shop, string? currency, SweepOptions sweep)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return new SimulationSettings(shop.TimeZone, string.IsNullOrWhiteSpace(currency) ? null : currency, sweep);
    }

    /// <summary>What is wrong with these settings, in the words the Server would use at start-up; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!TimeZones.IsKnown(ShopTimeZone))
        {
            problems.Add($"Setting '{ShopOptions.SectionName}:TimeZone' must be an IANA time zone such as Europe/Berlin, not '{ShopTimeZone}'.");
        }

        if (!Cronos.CronExpression.TryParse(Sweep.Schedule, out _))
        {
            problems.Add($"Setting '{SweepOptions.SectionName}:Schedule' must be a five-field cron expression such as \"0 2 * * *\", not '{Sweep.Schedule}'.");
        }

        if (ShopCurrency is { } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            problems.Add($"Setting '{ShopCurrencySetting}' must be a three-letter ISO 4217 code such as JPY or EUR, not '{currency}'.");
        }

        return problems;
    }
}
