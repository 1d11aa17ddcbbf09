namespace EcCrm.Core.Segments;

/// <summary>Recency, frequency and monetary scores, each 1 (worst) to 5 (best).</summary>
public sealed record RfmScore(int Recency, int Frequency, int Monetary)
{
    public override string ToString() => $"{Recency}{Frequency}{Monetary}";
}
