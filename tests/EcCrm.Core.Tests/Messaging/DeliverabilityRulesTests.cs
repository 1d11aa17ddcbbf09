using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Messaging.Events;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>When a journey's recent sends call for a pause, at the default thresholds (0.1% complaints over 1,000 sends, 5% bounces).</summary>
public class DeliverabilityRulesTests
{
    private static readonly DeliverabilityOptions Defaults = new();
    private static readonly DateTimeOffset Since = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TwoComplaintsInAThousandSendsPauseWithTheFiguresInTheReason()
    {
        var reason = DeliverabilityRules.PauseReason(new DeliverabilityCounts(1_000, 0, 2), Defaults, Since);

        Assert.Equal("Deliverability: 2 spam complaints in 1,000 sends since 2026-11-01 00:00 UTC (0.2%), above the threshold of 0.1%.", reason);
    }

    [Theory]
    [InlineData(1_000, 1)] // exactly 0.1%: at the threshold, not above it
    [InlineData(999, 5)] // too few sends to judge complaints
    public void ComplaintsAtTheThresholdOrOverTooFewSendsDoNotPause(int sends, int complaints) =>
        Assert.Null(DeliverabilityRules.PauseReason(new DeliverabilityCounts(sends, 0, complaints), Defaults, Since));

    [Fact]
    public void BouncesAboveFivePercentPause()
    {
        Assert.Null(DeliverabilityRules.PauseReason(new DeliverabilityCounts(100, 5, 0), Defaults, Since));
        Assert.Contains("6 bounces in 100 sends", DeliverabilityRules.PauseReason(new DeliverabilityCounts(100, 6, 0), Defaults, Since), StringComparison.Ordinal);
        Assert.Null(DeliverabilityRules.PauseReason(new DeliverabilityCounts(99, 20, 0), Defaults, Since));
    }

    [Fact]
    public void EveryReportedSendCountsAndOnlyBouncesAndSpamReportsCountAgainstIt()
    {
        Assert.Equal([DeliverabilityMark.Sent], DeliverabilityRules.MarksOf(ProviderEventType.Delivered));
        Assert.Equal([DeliverabilityMark.Sent, DeliverabilityMark.Bounced], DeliverabilityRules.MarksOf(ProviderEventType.Bounce));
        Assert.Equal([DeliverabilityMark.Sent, DeliverabilityMark.Complained], DeliverabilityRules.MarksOf(ProviderEventType.SpamReport));
        Assert.Empty(DeliverabilityRules.MarksOf(ProviderEventType.Deferred));
    }
}
