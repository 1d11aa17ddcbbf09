namespace EcCrm.Core.Journeys.Running;

/// <summary>When the inactivity sweep runs: its cron schedule in the shop's time zone, the next run, and how far back it reaches.</summary>
public sealed record SweepPlan(string Schedule, string TimeZone, DateTimeOffset? NextRunAt, int CatchUpDays);
