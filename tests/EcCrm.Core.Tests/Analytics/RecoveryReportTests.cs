using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tests.Journeys;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Analytics;

/// <summary>The report of a journey entered on a shop event: checkouts left behind, recovered, and what came back against the holdout.</summary>
public class RecoveryReportTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static JourneyDefinition Sample(string id) =>
        JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", $"{id}.journey.json"))).Definition!;

    [Theory]
    [InlineData(EnrollmentGroup.Treatment, JourneyEventKind.Entered)]
    [InlineData(EnrollmentGroup.Holdout, JourneyEventKind.EnteredHoldout)]
    public void TheEntryRecordsWhatTheCheckoutWasWorth(EnrollmentGroup group, JourneyEventKind kind)
    {
        var step = JourneyDecider.Decide(Sample("abandoned-checkout"), EnrollmentState.NotStarted, new Started(Inputs.EnrollmentId, group, Inputs.Profile(), At) { EntryValue = 4800m }, At);

        var entered = Assert.Single(step.Effects.OfType<RecordJourneyEvent>(), e => e.Kind == kind);
        Assert.Equal(4800m, entered.Value);
    }

    [Fact]
    public void AnAbandonedCheckoutJourneyReportsWhatWasLeftBehindAndWhatCameBackInEachGroup()
    {
        var report = JourneyReports.Build("abandoned-checkout", CheckoutEvents(), context: new JourneyReportContext(Sample("abandoned-checkout"), "JPY"));

        var recovery = report.Recovery!;
        Assert.Equal(("checkoutStarted", 10_000m, 4_000m, 4_000m, 900m), (recovery.Event, recovery.LeftBehind, recovery.HoldoutLeftBehind, recovery.Recovered, recovery.HoldoutRecovered));
        Assert.Equal(0.4, recovery.RecoveredShare!.Value, 12);
        Assert.Equal(
            "Abandoned checkouts: 4 entered, ¥10,000 left behind; 2 recovered (50.0%), bringing back ¥4,000 (40.0% of what was left behind). "
            + "Held out: 2, ¥4,000 left behind; 1 came back without the journey (50.0%), bringing back ¥900 (22.5% of what was left behind).",
            ReportText.Recovery(report));
        Assert.Equal(("Recovery", "recovered revenue"), (ReportText.ConversionName(report), ReportText.RevenueName(report)));
    }

    [Fact]
    public void TheSummaryCsvCarriesTheEntryEventAndWhatWasLeftBehind()
    {
        var report = JourneyReports.Build("abandoned-checkout", CheckoutEvents(), context: new JourneyReportContext(Sample("abandoned-checkout"), "JPY"));

        var lines = ReportCsv.Journey(report, ReportCsv.Summary)!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The last three columns (the note before them is quoted and may hold commas).
        Assert.Equal(["entry_event", "left_behind", "holdout_left_behind"], lines[0].Split(',')[^3..]);
        Assert.Equal(["checkoutStarted", "10000", "4000"], lines[1].Split(',')[^3..]);
    }

    [Fact]
    public void AJourneyEnteredOtherwiseHasNoRecoveryFigures()
    {
        var report = JourneyReports.Build("winback", CheckoutEvents(), context: new JourneyReportContext(Sample("winback"), "JPY"));

        Assert.Null(report.Recovery);
        Assert.Null(ReportText.Recovery(report));
        Assert.Equal("Conversion", ReportText.ConversionName(report));
    }

    /// <summary>Four checkouts in treatment worth ¥10,000, two recovered for ¥4,000; two held out worth ¥4,000, one back for ¥900.</summary>
    private static List<JourneyEventRecord> CheckoutEvents()
    {
        var events = new List<JourneyEventRecord>();
        void Add(string enrollment, EnrollmentGroup group, JourneyEventKind kind, decimal? value = null, decimal? revenue = null) =>
            events.Add(new JourneyEventRecord("abandoned-checkout", 1, enrollment, TestKeys.ForEmail(enrollment + "@example.jp"), group, $"{enrollment}:{events.Count}", kind, null, null, At.AddMinutes(events.Count))
            {
                Value = value,
                Revenue = revenue,
            });

        foreach (var (id, value) in new[] { ("t1", 1_000m), ("t2", 2_000m), ("t3", 3_000m), ("t4", 4_000m) })
        {
            Add(id, EnrollmentGroup.Treatment, JourneyEventKind.Entered, value);
        }

        Add("t2", EnrollmentGroup.Treatment, JourneyEventKind.Converted, revenue: 1_500m);
        Add("t4", EnrollmentGroup.Treatment, JourneyEventKind.Converted, revenue: 2_500m);
        Add("h1", EnrollmentGroup.Holdout, JourneyEventKind.EnteredHoldout, 1_000m);
        Add("h2", EnrollmentGroup.Holdout, JourneyEventKind.EnteredHoldout, 3_000m);
        Add("h2", EnrollmentGroup.Holdout, JourneyEventKind.Converted, revenue: 900m);
        return events;
    }
}
