using EcCrm.Core.Profiles;

namespace EcCrm.Core.Segments;

/// <summary>Scores a profile's recency, frequency and monetary value and names its segment.</summary>
public static class RfmSegmentation
{
    public static (RfmScore? Score, RfmSegment Segment) Classify(CustomerProfile profile, DateTimeOffset now, RfmThresholds? thresholds = null)
    {
        if (profile.OrderCount == 0 || profile.LastOrderAt is not { } lastOrderAt)
        {
            return (null, RfmSegment.None);
        }

        thresholds ??= RfmThresholds.Default;
        var daysSince = Math.Max(0, (now - lastOrderAt).TotalDays);
        var recency = 5 - thresholds.RecencyDays.Count(limit => daysSince > limit);
        var frequency = 1 + thresholds.FrequencyOrders.Count(bound => profile.OrderCount >= bound);
        var monetary = 1 + thresholds.MonetaryRevenue.Count(bound => profile.Revenue >= bound);
        var score = new RfmScore(recency, frequency, monetary);
        return (score, Name(score));
    }

    /// <summary>
    /// The profile with its segment as of <paramref name="now"/>. A stored profile is segmented when its orders last changed;
    /// time alone moves a customer on (recency falls), so whoever judges segments at another moment asks this first.
    /// </summary>
    public static CustomerProfile AsOf(CustomerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var (score, segment) = Classify(profile, now);
        return profile with { Rfm = score, Segment = segment, SegmentedAt = now };
    }

    /// <summary>The recency × frequency grid; monetary value refines nothing here but is reported with the score.</summary>
    public static RfmSegment Name(RfmScore score) => (score.Recency, score.Frequency) switch
    {
        ( >= 4, >= 4) => RfmSegment.Champions,
        (3, >= 4) => RfmSegment.Loyal,
        ( >= 4, 2 or 3) => RfmSegment.PotentialLoyalist,
        (5, 1) => RfmSegment.New,
        (4, 1) => RfmSegment.Promising,
        (3, 2 or 3) => RfmSegment.NeedsAttention,
        (3, 1) => RfmSegment.AboutToSleep,
        ( <= 2, 5) => RfmSegment.CannotLoseThem,
        ( <= 2, >= 3) => RfmSegment.AtRisk,
        (2, 2) => RfmSegment.AtRisk,
        (2, 1) => RfmSegment.Hibernating,
        _ => RfmSegment.Lost,
    };
}
