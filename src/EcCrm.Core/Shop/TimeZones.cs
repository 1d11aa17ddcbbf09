using System.Collections.Concurrent;
using NodaTime;
using NodaTime.TimeZones;

namespace EcCrm.Core.Shop;

/// <summary>IANA time zones, from NodaTime's TZDB: validation, inference from a country, local-to-instant.</summary>
public static class TimeZones
{
    // Countries whose zones all keep the same clock (Germany's Europe/Berlin and Europe/Busingen, say) have one
    // time zone for our purposes; the first zone listed stands for them.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> SingleZoneCountries = new(() =>
        (TzdbDateTimeZoneSource.Default.ZoneLocations ?? [])
            .GroupBy(location => location.CountryCode, StringComparer.OrdinalIgnoreCase)
            .Where(country => KeepSameClock(country.Select(location => location.ZoneId)))
            .ToDictionary(country => country.Key, country => country.First().ZoneId, StringComparer.OrdinalIgnoreCase));

    // NodaTime's own cache takes a lock on every lookup; the decider looks a zone up for each delay and wait, and the
    // benchmark and backtests run customers on several threads at once.
    private static readonly ConcurrentDictionary<string, DateTimeZone> Known = new(StringComparer.Ordinal);

    private static readonly Instant[] ClockSamples =
        [.. Enumerable.Range(0, 36).Select(month => Instant.FromUtc(2025, 1, 15, 12, 0).Plus(Duration.FromDays(30.5 * month)))];

    public static bool IsKnown(string? zoneId) => !string.IsNullOrWhiteSpace(zoneId) && Find(zoneId) is not null;

    /// <summary>The zone with this id; throws for an unknown id, as NodaTime does.</summary>
    public static DateTimeZone Get(string zoneId) => Find(zoneId) ?? DateTimeZoneProviders.Tzdb[zoneId];

    /// <summary>The zone of a country that has only one, such as JP → Asia/Tokyo; <c>null</c> for countries with several.</summary>
    public static string? ForCountry(string? countryCode) =>
        countryCode is { Length: 2 } && SingleZoneCountries.Value.TryGetValue(countryCode, out var zone) ? zone : null;

    /// <summary>A wall-clock time in a zone as an instant; a time in a DST gap moves forward, an ambiguous one takes the earlier.</summary>
    public static DateTimeOffset ToInstant(DateTime localDateTime, string zoneId) =>
        LocalDateTime.FromDateTime(localDateTime).InZoneLeniently(Get(zoneId)).ToDateTimeOffset();

    /// <summary>The calendar date of an instant in a zone.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, string zoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(Get(zoneId)).Date.ToDateOnly();

    /// <summary>The zone with this id, or <c>null</c>. Zones are immutable, so each is kept once looked up.</summary>
    private static DateTimeZone? Find(string zoneId)
    {
        if (Known.TryGetValue(zoneId, out var zone))
        {
            return zone;
        }

        zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        return zone is null ? null : Known.GetOrAdd(zoneId, zone);
    }

    private static bool KeepSameClock(IEnumerable<string> zoneIds)
    {
        var zones = zoneIds.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        return ClockSamples.All(instant => zones.Select(zone => zone.GetUtcOffset(instant)).Distinct().Count() == 1);
    }
}
