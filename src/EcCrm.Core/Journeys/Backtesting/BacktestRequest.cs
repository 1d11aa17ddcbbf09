namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>
/// The days to replay (shop-local dates, both included; by default the <see cref="JourneyBacktest.DefaultDays"/> days up to
/// today) and the uplift the holdout should be able to show (absolute: 0.02 is two points of conversion rate).
/// </summary>
public sealed record BacktestRequest(DateOnly? From = null, DateOnly? To = null, double Uplift = JourneyBacktest.DefaultUplift);
