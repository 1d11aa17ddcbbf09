using EcCrm.Core.Analytics;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Analytics;

public class CustomerReportsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ComputesTheRepeatPurchaseRateOverCustomersWhoBought()
    {
        var report = CustomerReports.Build([Customer("a", "2026-01-05"), Customer("b", "2026-01-05", "2026-02-05"), Customer("c", "2026-03-01", "2026-04-01", "2026-05-01"), Customer("never")], Now, "UTC");

        Assert.Equal(3, report.Customers);
        Assert.Equal(2, report.RepeatCustomers);
        Assert.Equal(2.0 / 3, report.RepeatPurchaseRate, 12);
    }

    [Fact]
    public void ShowsCohortRetentionByFirstOrderMonthForCompletedMonthsOnly()
    {
        // Cohort 2026-09: a buys in Sep and Nov, b in Sep and Oct, c in Sep only; cohort 2026-11: d (month not over).
        var report = CustomerReports.Build(
            [Customer("a", "2026-09-03", "2026-11-02"), Customer("b", "2026-09-20", "2026-10-01"), Customer("c", "2026-09-30"), Customer("d", "2026-11-01")],
            Now,
            "UTC");

        var september = report.Cohorts.Single(c => c.Cohort == "2026-09");
        Assert.Equal(3, september.Customers);
        Assert.Equal([1.0, 1.0 / 3], september.Retention); // September, October; November is not over yet
        Assert.Empty(report.Cohorts.Single(c => c.Cohort == "2026-11").Retention);
    }

    [Fact]
    public void AssignsCohortsInTheShopTimeZone()
    {
        // 2026-08-31T20:00Z is already 1 September in Tokyo.
        var report = CustomerReports.Build([Customer("a", "2026-08-31T20:00:00Z")], Now, "Asia/Tokyo");

        Assert.Equal("2026-09", Assert.Single(report.Cohorts).Cohort);
    }

    [Fact]
    public void CountsSegmentsNowAndThirtyDaysAgoAndWhoMovedBetweenThem()
    {
        // One order 25 days before now: New now (recency 5, one order), no segment 30 days ago.
        // Five orders, the last 45 days ago: Champions both 30 days ago (15 days idle, recency 5) and now (45 days, recency 4).
        var fresh = Customer("fresh", "2026-10-21");
        var regular = Customer("regular", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01");

        var report = CustomerReports.Build([fresh, regular], Now, "UTC");

        Assert.Equal(RfmSegment.New, CustomerReports.SegmentAt(fresh, Now));
        Assert.Equal(RfmSegment.None, CustomerReports.SegmentAt(fresh, Now.AddDays(-30)));
        Assert.Equal(RfmSegment.Champions, CustomerReports.SegmentAt(regular, Now.AddDays(-30))); // 15 days idle, 5 orders
        Assert.Equal(RfmSegment.Champions, CustomerReports.SegmentAt(regular, Now));              // 45 days idle: recency 4
        Assert.Equal(1, report.Segments[RfmSegment.New]);
        Assert.False(report.SegmentsBefore.ContainsKey(RfmSegment.New));
        Assert.Equal(new SegmentMovement(RfmSegment.None, RfmSegment.New, 1), Assert.Single(report.Movements));
    }

    [Fact]
    public void SeesALoyalCustomerSlipIntoRiskWhenTheyStopBuying()
    {
        var lapsing = Customer("lapsing", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-07-10");

        var report = CustomerReports.Build([lapsing], Now, "UTC");

        // 30 days ago: 98 days idle (recency 3, 5 orders: Loyal); now: 128 days idle (recency 2, frequency 4: AtRisk).
        Assert.Equal(new SegmentMovement(RfmSegment.Loyal, RfmSegment.AtRisk, 1), Assert.Single(report.Movements));
    }

    private static CustomerHistory Customer(string name, params string[] dates) => new(
        TestKeys.ForEmail(name + "@example.com"),
        [.. dates.Select(date => new Purchase(DateTimeOffset.Parse(date.Contains('T', StringComparison.Ordinal) ? date : date + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 50m)).OrderBy(p => p.PlacedAt)]);
}
