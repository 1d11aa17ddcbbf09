using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Analytics;

/// <summary>A journey report explains itself: journey order, reasons, open and finished enrollments, currency, coupon cost, one table per CSV.</summary>
public class JourneyReportExplanationTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JourneyDefinition Winback = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json"))).Definition!;

    [Fact]
    public void ListsEveryNodeInJourneyOrderWithEventsOrNot()
    {
        var events = new Events();
        events.Add("t1", JourneyEventKind.Entered);
        events.Add("t1", JourneyEventKind.Sent, "email-2", "winback-2"); // email-2's first event comes before email-1's
        events.Add("t1", JourneyEventKind.Sent, "email-1", "winback-1");
        events.Add("t1", JourneyEventKind.Sent, "email-0", "winback-0", version: 0); // a node only an older version had

        var report = JourneyReports.Build("winback-60", events.All, context: new JourneyReportContext(Winback, "JPY"));

        Assert.Equal([.. Winback.Nodes.Select(node => node.Id), "email-0"], report.Nodes.Select(node => node.NodeId));
        Assert.Equal(("send", "winback-1"), (report.Nodes[0].Type, report.Nodes[0].Template));
        Assert.Equal(("delay", null), (report.Nodes[1].Type, report.Nodes[1].Template));
        Assert.Equal((null, "winback-0"), (report.Nodes[^1].Type, report.Nodes[^1].Template));
        Assert.Equal("JPY", report.Currency);
        Assert.Equal(30, report.GoalDays);
    }

    [Fact]
    public void CountsBlockedAndDeferredSendsByReason()
    {
        var events = new Events();
        events.Add("t1", JourneyEventKind.SendBlocked, "email-1", "winback-1: no marketing consent");
        events.Add("t2", JourneyEventKind.SendBlocked, "email-1", "winback-1: no marketing consent");
        events.Add("t3", JourneyEventKind.SendBlocked, "email-1", "winback-1: suppressed");
        events.Add("t4", JourneyEventKind.SendDeferred, "email-1", "winback-1: quiet hours");
        events.Add("t4", JourneyEventKind.SendDeferred, "email-1", "winback-1: frequency cap");

        var node = JourneyReports.Build("winback-60", events.All, context: new JourneyReportContext(Winback, null)).Nodes[0];

        Assert.Equal(new Dictionary<string, int> { ["no marketing consent"] = 2, ["suppressed"] = 1 }, node.BlockedBy);
        Assert.Equal(new Dictionary<string, int> { ["frequency cap"] = 1, ["quiet hours"] = 1 }, node.DeferredBy);
        Assert.Equal((3, 2, 4), (node.Blocked, node.Deferred, node.Reached));
    }

    [Fact]
    public void ShowsEnrollmentsStillInsideTheirGoalWindowApartFromThoseThatFinishedIt()
    {
        // The win-back goal window is 30 days; it is 40 days after the first entries.
        var events = new Events();
        events.Add("t1", JourneyEventKind.Entered);
        events.Add("t2", JourneyEventKind.Entered);
        events.Add("h1", JourneyEventKind.EnteredHoldout);
        events.Add("t3", JourneyEventKind.Entered, at: At.AddDays(20));
        events.Add("h2", JourneyEventKind.EnteredHoldout, at: At.AddDays(20));
        events.Add("t1", JourneyEventKind.Converted, revenue: 100m);
        events.Add("t1", JourneyEventKind.Exited, "email-1", "OrderPlaced: order 1");
        events.Add("t3", JourneyEventKind.Converted, revenue: 100m, at: At.AddDays(21)); // converted, but its window is not over
        events.Add("t3", JourneyEventKind.Exited, "email-1", "OrderPlaced: order 3", at: At.AddDays(21));

        var report = JourneyReports.Build("winback-60", events.All, context: new JourneyReportContext(Winback, null) { Now = At.AddDays(40) });

        Assert.Equal(new EnrollmentProgress(TreatmentOpen: 1, TreatmentFinished: 2, HoldoutOpen: 1, HoldoutFinished: 1), report.Progress);
        Assert.Equal((2, 1, 1, 0), (report.FinishedConversion!.TreatmentSize, report.FinishedConversion.TreatmentSuccesses, report.FinishedConversion.HoldoutSize, report.FinishedConversion.HoldoutSuccesses));
        Assert.Equal((3, 2), (report.Conversion.TreatmentSize, report.Conversion.TreatmentSuccesses));
    }

    [Fact]
    public void AJourneyWithoutAHoldoutSaysSo()
    {
        var crossSell = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "post-purchase-cross-sell.journey.json"))).Definition!;
        var events = new Events();
        events.Add("t1", JourneyEventKind.Entered);

        Assert.False(JourneyReports.Build("coffee-cross-sell", events.All, context: new JourneyReportContext(crossSell, null)).HasHoldout);
        Assert.True(JourneyReports.Build("winback-60", events.All, context: new JourneyReportContext(Winback, null)).HasHoldout);
    }

    [Fact]
    public void IncrementalRevenueIsAlsoShownNetOfWhatRedeemedCouponsCost()
    {
        var events = new Events();
        for (var i = 1; i <= 4; i++)
        {
            events.Add($"t{i}", JourneyEventKind.Entered);
            events.Add($"h{i}", JourneyEventKind.EnteredHoldout);
        }

        events.Add("t1", JourneyEventKind.Converted, revenue: 850m);
        events.Add("t2", JourneyEventKind.Converted, revenue: 1000m);
        var costs = new Dictionary<string, decimal> { ["t1"] = 150m, ["t2"] = 0m };

        var revenue = JourneyReports.Build("winback-60", events.All, context: new JourneyReportContext(Winback, "JPY") { CouponCosts = costs }).Revenue;

        Assert.Equal(1850m, revenue.IncrementalRevenue);
        Assert.Equal(150m, revenue.CouponCost);
        Assert.Equal(1700m, revenue.IncrementalRevenueNetOfCoupons);
        Assert.Equal(revenue.IncrementalRevenueInterval!.Value.Low - 150, revenue.IncrementalRevenueNetOfCouponsInterval!.Value.Low, 6);
    }

    [Fact]
    public void ACouponCostsWhatItTookOffAnOrderThatUsedIt()
    {
        var fifteenPercent = new CreateCouponAction(15m, null, 14, "BACK");
        var order = new OrderRecord { Source = OrderSource.Generic, OrderId = "1", Status = OrderStatus.Paid, PlacedAt = At, UpdatedAt = At, Currency = "JPY", Total = 850m, DiscountCodes = ["back-x1"] };

        Assert.Equal(150m, CouponCosts.Of(fifteenPercent, "BACK-X1", order)); // 1,000 before 15% off
        Assert.Equal(500m, CouponCosts.Of(new CreateCouponAction(null, 500m, 14, "BACK"), "BACK-X1", order));
        Assert.Equal(0m, CouponCosts.Of(fifteenPercent, "BACK-Y2", order));
    }

    [Fact]
    public void EveryCsvTableHasOneHeaderAndRowsOfItsWidth()
    {
        var events = new Events();
        events.Add("t1", JourneyEventKind.Entered);
        events.Add("t1", JourneyEventKind.SendBlocked, "email-1", "winback-1: suppressed");
        events.Add("t1", JourneyEventKind.Exited, "email-1", "Unsubscribed");
        var report = JourneyReports.Build("winback-60", events.All, context: new JourneyReportContext(Winback, "JPY"));

        foreach (var table in ReportCsv.JourneyTables)
        {
            var lines = ReportCsv.Journey(report, table)!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length >= 2, table);
            Assert.DoesNotContain(lines, line => line.Length == 0);
            Assert.All(lines, line => Assert.Equal(Fields(lines[0]), Fields(line)));
        }

        Assert.Null(ReportCsv.Journey(report, "everything"));
    }

    /// <summary>The fields of a CSV line, commas inside quotes not counting.</summary>
    private static int Fields(string line)
    {
        var (fields, quoted) = (1, false);
        foreach (var c in line)
        {
            (fields, quoted) = c switch
            {
                '"' => (fields, !quoted),
                ',' when !quoted => (fields + 1, quoted),
                _ => (fields, quoted),
            };
        }

        return fields;
    }

    private sealed class Events
    {
        public List<JourneyEventRecord> All { get; } = [];

        public void Add(string enrollment, JourneyEventKind kind, string? node = null, string? detail = null, decimal? revenue = null, int version = 1, DateTimeOffset? at = null)
        {
            var group = enrollment.StartsWith('h') ? EnrollmentGroup.Holdout : EnrollmentGroup.Treatment;
            All.Add(new JourneyEventRecord("winback-60", version, enrollment, TestKeys.ForEmail(enrollment + "@example.com"), group, $"{enrollment}:{All.Count}", kind, node, detail, at ?? At.AddMinutes(All.Count)) { Revenue = revenue });
        }
    }
}
