namespace EcCrm.Core.Segments;

/// <summary>
/// Named RFM segments on the usual recency × frequency grid (see <see cref="RfmSegmentation"/>).
/// </summary>
public enum RfmSegment
{
    /// <summary>No purchase yet.</summary>
    None,
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedsAttention,
    AboutToSleep,
    AtRisk,
    CannotLoseThem,
    Hibernating,
    Lost,
}
