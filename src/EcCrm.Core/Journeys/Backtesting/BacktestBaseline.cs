namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// How many of the entrants whose goal window has ended ordered within it anyway, with no e-mail: the conversion rate the
/// journey has to beat. Entrants whose window is still open are left out (<see cref="StillOpen"/>).
/// </summary>
public sealed record BacktestBaseline(int GoalDays, int Measured, int OrderedAnyway, int StillOpen)
{
    public double? Rate => Measured == 0 ? null : (double)OrderedAnyway / Measured;
}
