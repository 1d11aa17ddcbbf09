using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Analytics;

public class JourneyReportsTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CountsTheFunnelOfDistinctCustomersAndSends()
    {
        var report = JourneyReports.Build("winback", Events());

        Assert.Equal(new FunnelCounts(Entered: 11, HeldOut: 6, Reached: 8, Sent: 12, Delivered: 11, Opened: 6, Clicked: 2, Converted: 3, HoldoutConverted: 1, Revenue: 180m, HoldoutRevenue: 80m), report.Funnel);
    }

    [Fact]
    public void ReportsEachVersionOnItsOwn()
    {
        var report = JourneyReports.Build("winback", Events());

        var (first, second) = (report.Versions[0], report.Versions[1]);
        Assert.Equal((1, 10, 5, 2, 150m), (first.Version!.Value, first.Funnel.Entered, first.Funnel.HeldOut, first.Funnel.Converted, first.Funnel.Revenue));
        Assert.Equal((2, 1, 1, 1, 30m), (second.Version!.Value, second.Funnel.Entered, second.Funnel.HeldOut, second.Funnel.Converted, second.Funnel.Revenue));
    }

    [Fact]
    public void CountsSendsAndEngagementPerNode()
    {
        var report = JourneyReports.Build("winback", Events());

        var first = report.Nodes.Single(n => n.NodeId == "email-1");
        var second = report.Nodes.Single(n => n.NodeId == "email-2");
        Assert.Equal((8, 7, 4, 0), (first.Sent, first.Delivered, first.Opened, first.Clicked));
        Assert.Equal((4, 4, 2, 2), (second.Sent, second.Delivered, second.Opened, second.Clicked));
    }

    [Fact]
    public void GroupsExitsByReason()
    {
        var report = JourneyReports.Build("winback", Events());

        Assert.Equal(2, report.ExitReasons["OrderPlaced"]);
        Assert.Equal(1, report.ExitReasons["Unsubscribed"]);
    }

    [Fact]
    public void ComparesTreatmentWithHoldoutOnConversionAndRevenue()
    {
        var report = JourneyReports.Build("winback", Events());

        Assert.Equal((11, 3, 6, 1), (report.Conversion.TreatmentSize, report.Conversion.TreatmentSuccesses, report.Conversion.HoldoutSize, report.Conversion.HoldoutSuccesses));
        Assert.Equal(3.0 / 11 - 1.0 / 6, report.Conversion.AbsoluteUplift, 12);
        Assert.NotNull(report.Conversion.Note); // 17 customers prove nothing
        Assert.Equal(16.36m, report.Revenue.TreatmentPerCustomer);    // 180 / 11
        Assert.Equal(13.33m, report.Revenue.HoldoutPerCustomer);      // 80 / 6
        Assert.Equal(3.03m, report.Revenue.DifferencePerCustomer);
        Assert.Equal(33.33m, report.Revenue.IncrementalRevenue);      // 3.0303… × 11
    }

    [Fact]
    public void CountsAHoldoutConversionAlthoughTheHoldoutWasNeverSentAnything()
    {
        var events = Events();

        Assert.DoesNotContain(events, e => e.Group == EnrollmentGroup.Holdout && e.Kind == JourneyEventKind.Sent);
        Assert.Equal(1, JourneyReports.Build("winback", events).Funnel.HoldoutConverted);
    }

    private static List<JourneyEventRecord> Events()
    {
        var events = new List<JourneyEventRecord>();
        void Add(string enrollment, JourneyEventKind kind, string? node = null, string? detail = null, decimal? revenue = null, int version = 1)
        {
            var group = enrollment.StartsWith('h') ? EnrollmentGroup.Holdout : EnrollmentGroup.Treatment;
            events.Add(new JourneyEventRecord("winback", version, enrollment, TestKeys.ForEmail(enrollment + "@example.com"), group, $"{enrollment}:{events.Count}", kind, node, detail, At.AddMinutes(events.Count)) { Revenue = revenue });
        }

        for (var i = 1; i <= 10; i++)
        {
            Add($"t{i}", JourneyEventKind.Entered);
        }

        for (var i = 1; i <= 5; i++)
        {
            Add($"h{i}", JourneyEventKind.EnteredHoldout);
        }

        for (var i = 1; i <= 8; i++)
        {
            Add($"t{i}", JourneyEventKind.Sent, "email-1");
        }

        for (var i = 1; i <= 4; i++)
        {
            Add($"t{i}", JourneyEventKind.Sent, "email-2");
            Add($"t{i}", JourneyEventKind.EmailDelivered, "email-2");
            Add($"t{i}", JourneyEventKind.EmailOpened, "email-1");
        }

        for (var i = 1; i <= 7; i++)
        {
            Add($"t{i}", JourneyEventKind.EmailDelivered, "email-1");
        }

        Add("t1", JourneyEventKind.EmailOpened, "email-2");
        Add("t2", JourneyEventKind.EmailOpened, "email-2");
        Add("t1", JourneyEventKind.EmailClicked, "email-2");
        Add("t2", JourneyEventKind.EmailClicked, "email-2");
        Add("t1", JourneyEventKind.Converted, revenue: 100m);
        Add("t2", JourneyEventKind.Converted, revenue: 50m);
        Add("h1", JourneyEventKind.Converted, revenue: 80m);
        Add("t1", JourneyEventKind.Exited, "email-2", "OrderPlaced: order o1");
        Add("t2", JourneyEventKind.Exited, "email-2", "OrderPlaced: order o2");
        Add("t3", JourneyEventKind.Exited, "email-1", "Unsubscribed");
        Add("t11", JourneyEventKind.Entered, version: 2);
        Add("h6", JourneyEventKind.EnteredHoldout, version: 2);
        Add("t11", JourneyEventKind.Converted, revenue: 30m, version: 2);
        return events;
    }
}
