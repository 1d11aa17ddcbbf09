namespace EcCrm.Core.Journeys.Definition;

/// <summary>Until the next <see cref="Time"/> (customer-local) on one of the <see cref="Weekdays"/>.</summary>
public sealed record DelayUntilLocalTime(TimeOnly Time, IReadOnlyList<DayOfWeek> Weekdays) : DelaySpec;
