namespace EcCrm.Core.Analytics;

/// <summary>A confidence interval.</summary>
public readonly record struct Interval(double Low, double High)
{
    public bool Contains(double value) => value >= Low && value <= High;
}
