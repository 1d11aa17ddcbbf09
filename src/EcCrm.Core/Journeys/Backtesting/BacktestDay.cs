namespace EcCrm.Core.Journeys.Backtesting;

/// <summary>How many customers would have entered on one shop-local day.</summary>
public sealed record BacktestDay(DateOnly Date, int Entries, int Holdout);
