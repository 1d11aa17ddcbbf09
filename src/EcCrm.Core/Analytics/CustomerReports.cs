using System.Globalization;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Analytics;

/// <summary>Builds the customer report from every customer's purchases. Months are calendar months in the shop's zone.</summary>
public static class CustomerReports
{
    public static CustomerReport Build(
        IReadOnlyCollection<CustomerHistory> customers,
        DateTimeOffset now,
        string shopTimeZone,
        int cohortMonths = 12,
        int movementDays = 30,
        RfmThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var buyers = customers.Where(c => c.Purchases.Count > 0).ToList();
        var repeat = buyers.Count(c => c.Purchases.Count >= 2);
        var before = now.AddDays(-movementDays);

        var segmentsNow = buyers.ToDictionary(c => c.Customer, c => SegmentAt(c, now, thresholds));
        var segmentsBefore = buyers.ToDictionary(c => c.Customer, c => SegmentAt(c, before, thresholds));
        var movements = buyers
            .GroupBy(c => (From: segmentsBefore[c.Customer], To: segmentsNow[c.Customer]))
            .Where(g => g.Key.From != g.Key.To)
            .Select(g => new SegmentMovement(g.Key.From, g.Key.To, g.Count()))
            .OrderByDescending(m => m.Customers)
            .ThenBy(m => m.From)
            .ThenBy(m => m.To)
            .ToList();

        return new CustomerReport(
            now,
            buyers.Count,
            repeat,
            buyers.Count == 0 ? 0 : (double)repeat / buyers.Count,
            Cohorts(buyers, now, shopTimeZone, cohortMonths),
            Count(segmentsNow.Values),
            Count(segmentsBefore.Values.Where(s => s != RfmSegment.None)),
            before,
            movements);
    }

    /// <summary>The customer's RFM segment as their purchases up to <paramref name="at"/> made it.</summary>
    public static RfmSegment SegmentAt(CustomerHistory customer, DateTimeOffset at, RfmThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var until = customer.Purchases.Where(p => p.PlacedAt <= at).ToList();
        if (until.Count == 0)
        {
            return RfmSegment.None;
        }

        var profile = CustomerProfile.Empty(customer.Customer) with
        {
            OrderCount = until.Count,
            Revenue = until.Sum(p => p.NetRevenue),
            LastOrderAt = until.Max(p => p.PlacedAt),
        };
        return RfmSegmentation.Classify(profile, at, thresholds).Segment;
    }

    private static List<CohortRow> Cohorts(List<CustomerHistory> buyers, DateTimeOffset now, string zone, int months)
    {
        var currentMonth = MonthIndex(now, zone);
        return [.. buyers
            .GroupBy(c => MonthIndex(c.Purchases.Min(p => p.PlacedAt), zone))
            .Where(g => g.Key > currentMonth - months)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var activeMonths = g.Select(c => c.Purchases.Select(p => MonthIndex(p.PlacedAt, zone)).ToHashSet()).ToList();
                var retention = Enumerable.Range(0, currentMonth - g.Key) // completed months only
                    .Select(offset => (double)activeMonths.Count(m => m.Contains(g.Key + offset)) / activeMonths.Count)
                    .ToList();
                return new CohortRow(MonthName(g.Key), activeMonths.Count, retention);
            })];
    }

    private static Dictionary<RfmSegment, int> Count(IEnumerable<RfmSegment> segments) =>
        segments.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    private static int MonthIndex(DateTimeOffset at, string zone)
    {
        var date = TimeZones.DateIn(at, zone);
        return (date.Year * 12) + date.Month - 1;
    }

    private static string MonthName(int index) => string.Create(CultureInfo.InvariantCulture, $"{index / 12:0000}-{(index % 12) + 1:00}");
}
